package io.gatehouse.user;

import io.gatehouse.access.UserDirectory;
import org.springframework.stereotype.Component;

/** Tells the access feature which users exist, without access depending on this feature. */
@Component
class UserLookup implements UserDirectory {

    private final UserStore users;

    UserLookup(UserStore users) {
        this.users = users;
    }

    @Override
    public boolean lockInAccount(String domainId, String userId) {
        return users.lock(domainId, userId).isPresent();
    }

    @Override
    public boolean existsInAccount(String domainId, String userId) {
        return users.find(domainId, userId).isPresent();
    }

    @Override
    public boolean isAccountOwner(String domainId, String userId) {
        return users.find(domainId, userId).map(User::domainOwner).orElse(false);
    }
}
