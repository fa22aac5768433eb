package io.gatehouse.project;

import io.gatehouse.access.ProjectGrants;
import io.gatehouse.account.AccountService;
import io.gatehouse.account.Project;
import io.gatehouse.account.ProjectQuery;
import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.Ids;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.user.UserService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules of projects, as Huawei has them: each account has a region project per region, named by
 * the region id, and creates its own projects below one, named {@code <region>_<name>}. A project keeps
 * its region for life. Every write is one transaction with its operation-log record.
 */
@Service
public class ProjectService {

    static final String RESOURCE = "project";
    static final int NAME_MAX = 64;
    static final int DESCRIPTION_MAX = 255;
    private static final Pattern NAME_SUFFIX = Pattern.compile("[A-Za-z0-9_-]+");

    private final AccountService accounts;
    private final ProjectGrants grants;
    private final UserService users;
    private final OperationLog operations;
    private final TransactionTemplate tx;
    private final Clock clock;

    ProjectService(AccountService accounts, ProjectGrants grants, UserService users, OperationLog operations,
            PlatformTransactionManager transactions, Clock clock) {
        this.accounts = accounts;
        this.grants = grants;
        this.users = users;
        this.operations = operations;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    // ---- reads -------------------------------------------------------------------------------

    List<Project> list(ProjectQuery query) {
        return accounts.listProjects(query);
    }

    Project get(Caller caller, String projectId) {
        return accounts.findProject(caller.domainId(), projectId).orElseThrow(() -> notFound(projectId));
    }

    /** The projects of the caller's account that the user may work in; see {@link ProjectGrants}. */
    List<Project> accessibleBy(Caller caller, String userId, Boolean enabled) {
        ProjectGrants.Reach reach = grants.reachOf(users.get(caller, userId).id(), caller.domainId());
        return accounts.listProjects(new ProjectQuery(caller.domainId(), null, null, enabled,
                reach.allProjects() ? null : reach.projectIds(), 0, Integer.MAX_VALUE));
    }

    // ---- writes ------------------------------------------------------------------------------

    Project create(Caller caller, ProjectFields f) {
        if (f.name() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("project.name");
        }
        if (f.domainId() != null && !f.domainId().equals(caller.domainId())) {
            // Another account and no account look alike.
            throw IamError.INVALID_PARAMETER.exception("project.domain_id");
        }
        String description = f.description() == null ? "" : description(f.description());
        return write(() -> {
            Project region = f.parentId() != null ? regionProject(caller, f.parentId())
                    : regionOfName(caller, f.name());
            String name = subprojectName(f.name(), region);
            requireFreeName(caller.domainId(), name);
            Project project = new Project(Ids.newId(), caller.domainId(), region.id(), name, description, true, false,
                    Project.NORMAL, WireTime.truncate(clock.instant()));
            accounts.insertProject(project);
            operations.success(caller, "iam:projects:createProject", RESOURCE, project.id());
            return project;
        });
    }

    Project update(Caller caller, String projectId, ProjectFields f) {
        if (f.name() == null && f.description() == null) {
            throw new ApiException(IamError.REQUIRED_PROPERTY,
                    "'project.name' or 'project.description' is a required property.");
        }
        String description = f.description() == null ? null : description(f.description());
        return write(() -> {
            Project project = lock(caller, projectId);
            if (f.name() != null && !f.name().equals(project.name())) {
                if (project.isRegionProject()) {
                    throw new ApiException(IamError.INVALID_PARAMETER,
                            "Request parameter project.name is invalid: a region project keeps the region's name.");
                }
                Project region = accounts.findProject(caller.domainId(), project.parentId())
                        .orElseThrow(() -> new IllegalStateException("Project " + projectId + " has no parent"));
                String name = subprojectName(f.name(), region);
                requireFreeName(caller.domainId(), name);
                project = project.withName(name);
            }
            if (description != null) {
                project = project.withDescription(description);
            }
            accounts.updateProject(project);
            operations.success(caller, "iam:projects:updateProject", RESOURCE, project.id());
            return project;
        });
    }

    void setStatus(Caller caller, String projectId, String status) {
        if (status == null) {
            throw IamError.REQUIRED_PROPERTY.exception("project.status");
        }
        if (!status.equals(Project.NORMAL) && !status.equals(Project.SUSPENDED)) {
            throw new ApiException(IamError.INVALID_PARAMETER,
                    "Request parameter project.status is invalid: it must be normal or suspended.");
        }
        write(() -> {
            Project project = lock(caller, projectId);
            accounts.updateProject(project.withStatus(status));
            operations.success(caller, "iam:projects:updateProjectStatus", RESOURCE, project.id());
            return project;
        });
    }

    // ---- rules -------------------------------------------------------------------------------

    private Project lock(Caller caller, String projectId) {
        return accounts.lockProject(caller.domainId(), projectId).orElseThrow(() -> notFound(projectId));
    }

    /** The region project a {@code parent_id} names; anything else, another account's included, is refused alike. */
    private Project regionProject(Caller caller, String parentId) {
        return accounts.findProject(caller.domainId(), parentId).filter(Project::isRegionProject)
                .orElseThrow(() -> new ApiException(IamError.INVALID_PARAMETER,
                        "Request parameter project.parent_id is invalid: it must be the id of a region project "
                                + "of the account."));
    }

    private Project regionOfName(Caller caller, String name) {
        Optional<Project> region = accounts.listProjects(new ProjectQuery(caller.domainId(), null, caller.domainId(),
                null, null, 0, Integer.MAX_VALUE)).stream().filter(r -> name.startsWith(r.name() + "_")).findFirst();
        return region.orElseThrow(() -> invalidName(caller));
    }

    private ApiException invalidName(Caller caller) {
        String example = accounts.defaultProject(caller.domainId()).map(Project::name).orElse("region");
        return new ApiException(IamError.INVALID_PARAMETER, "Request parameter project.name is invalid: it must be "
                + "the id of one of the account's regions, '_' and a name, such as " + example + "_project, of at "
                + "most " + NAME_MAX + " characters (letters, digits, '_' and '-').");
    }

    private static String subprojectName(String name, Project region) {
        String prefix = region.name() + "_";
        if (!name.startsWith(prefix) || name.length() > NAME_MAX
                || !NAME_SUFFIX.matcher(name.substring(prefix.length())).matches()) {
            throw new ApiException(IamError.INVALID_PARAMETER, "Request parameter project.name is invalid: it must "
                    + "be " + prefix + " followed by a name, at most " + NAME_MAX + " characters in all, of letters, "
                    + "digits, '_' and '-'.");
        }
        return name;
    }

    private void requireFreeName(String domainId, String name) {
        if (accounts.findProjectByName(domainId, name).isPresent()) {
            throw nameTaken(name);
        }
    }

    private static ApiException nameTaken(String name) {
        return IamError.CONFLICT.exception("project", "the name " + name + " is taken");
    }

    private static String description(String description) {
        if (description.length() > DESCRIPTION_MAX || description.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(IamError.INVALID_PARAMETER, "Request parameter project.description is invalid: "
                    + "at most " + DESCRIPTION_MAX + " characters, without control characters.");
        }
        return description;
    }

    /** A unique-name race that slips past the check still gets the documented conflict. */
    private Project write(Supplier<Project> change) {
        try {
            return tx.execute(status -> change.get());
        } catch (DataIntegrityViolationException e) {
            throw IamError.CONFLICT.exception("project", "the name is taken");
        }
    }

    private static ApiException notFound(String projectId) {
        return IamError.NOT_FOUND.exception("project", projectId);
    }

    /** What a create or update request sends; null when left out. */
    record ProjectFields(String name, String parentId, String domainId, String description) {
    }
}
