package io.gatehouse.account;

import io.gatehouse.access.ProjectDirectory;
import org.springframework.stereotype.Component;

/** Tells the access feature which projects an account has, for grants on a project. */
@Component
class ProjectLookup implements ProjectDirectory {

    private final ProjectStore projects;

    ProjectLookup(ProjectStore projects) {
        this.projects = projects;
    }

    @Override
    public boolean existsInAccount(String domainId, String projectId) {
        return projects.findById(domainId, projectId).isPresent();
    }
}
