package io.gatehouse.user;

import io.gatehouse.access.UserDirectory;
import io.gatehouse.audit.AccountUsers;
import org.springframework.stereotype.Component;

/** Tells the access and audit features which users exist, without either depending on this feature. */
@Component
class UserLookup implements UserDirectory, AccountUsers {

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
