package io.gatehouse.access;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The wire shapes of groups ({@code /v3/groups}): Keystone's, with Huawei's {@code create_time}. */
final class GroupRepresentation {

    private GroupRepresentation() {
    }

    /** Keystone clients may send extra attributes, so unknown members are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record GroupBody(GroupIn group) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record GroupIn(String name, String description, String domainId) {
    }

    record GroupOut(GroupView group) {
    }

    record GroupsOut(List<GroupView> groups, ListLinks links) {
    }

    record Links(String self) {
    }

    /** Keystone writes absent neighbours as null rather than leaving them out. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ListLinks(String self, String previous, String next) {

        static ListLinks of(String self) {
            return new ListLinks(self, null, null);
        }
    }

    /** {@code create_time} is in milliseconds since the epoch, as Huawei sends it; no description reads "". */
    record GroupView(String id, String name, String domainId, String description, Links links, Long createTime) {

        static GroupView of(Group g, String self) {
            return new GroupView(g.id(), g.name(), g.domainId(), g.description() == null ? "" : g.description(),
                    new Links(self), g.createTime().toEpochMilli());
        }
    }
}
