package io.gatehouse.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** A data source whose connections pass every call through a test's hand: to count or record what a component sends. */
public final class ConnectionSpy {

    /** What a test does with one call on a connection; {@link #invoke} makes the call itself. */
    public interface Call {
        Object on(Connection connection, Method method, Object[] args) throws Throwable;
    }

    private ConnectionSpy() {
    }

    public static DataSource around(DataSource target, Call call) {
        return new DelegatingDataSource(target) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> call.on(connection, method, args));
            }
        };
    }

    /** Calls {@code method} on {@code target}, throwing what it throws. */
    public static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
