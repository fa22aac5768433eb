package io.gatehouse.access;

import java.util.List;

/** A parsed, validated policy: Huawei's fine-grained grammar, Version 1.1. */
record PolicyDocument(List<Statement> statements) {
}
