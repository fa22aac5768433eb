package io.gatehouse.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditions of a log query, built from the filters a request sets. Values are always bound as
 * parameters; only the column names, which come from code, enter the SQL text.
 */
final class Where {

    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final List<String> alternatives = new ArrayList<>();

    /** {@code column = value}, when the value is set. */
    Where equal(String column, Object value) {
        if (value != null) {
            clauses.add(column + " = :" + bind(value));
        }
        return this;
    }

    /** A condition with its own parameters, such as {@code (actor_id = :u OR resource_id = :u)}. */
    Where clause(String sql, Map<String, ?> values) {
        clauses.add(sql);
        params.putAll(values);
        return this;
    }

    /**
     * Rows must also meet one of these conditions (an OR), with the given parameters. Kept apart so that
     * a page can read each alternative along its own index.
     */
    Where anyOf(List<String> conditions, Map<String, ?> values) {
        alternatives.addAll(conditions);
        params.putAll(values);
        return this;
    }

    List<String> alternatives() {
        return alternatives;
    }

    /** {@code column op value}, when the value is set, for time bounds such as {@code occurred_at >=}. */
    Where compare(String column, String operator, Object value) {
        if (value != null) {
            clauses.add(column + " " + operator + " :" + bind(value));
        }
        return this;
    }

    private String bind(Object value) {
        String name = "p" + params.size();
        params.put(name, value);
        return name;
    }

    String sql() {
        return clauses.isEmpty() ? "TRUE" : String.join(" AND ", clauses);
    }

    Map<String, Object> params() {
        return params;
    }
}
