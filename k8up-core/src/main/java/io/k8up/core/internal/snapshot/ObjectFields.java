package io.k8up.core.internal.snapshot;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The fields of one kept object that the model needs, read straight from a {@link FieldReader}
 * without a tree or client-java objects: its metadata here, the rest in a subclass per kind.
 * Missing lists and maps become empty ones, missing or blank strings an empty {@link Optional},
 * as {@code ModelAdapter} does for client-java objects.
 */
abstract class ObjectFields {

  String name;
  String namespace;
  String uid;
  ImmutableMap<String, String> annotations = ImmutableMap.of();
  ImmutableMap<String, String> labels = ImmutableMap.of();
  boolean deleting;
  String controllerUid;

  /** The fields of an object of kind {@code kind}, still to be read. */
  static ObjectFields of(KeptKind kind) {
    return switch (kind) {
      case PERSISTENT_VOLUME_CLAIM -> new ClaimFields();
      case PERSISTENT_VOLUME -> new VolumeFields();
      case POD -> new PodFields();
      case NODE -> new NodeFields();
      case VOLUME_SNAPSHOT_CLASS -> new SnapshotClassFields();
    };
  }

  /**
   * Reads the object from {@code key}, whose value comes next, to the end of its mapping, and
   * what the reading found.
   */
  static ReadObject read(KeptKind kind, FieldReader reader, String key) throws IOException {
    ObjectFields fields = of(kind);
    for (String next = key; next != null; next = reader.nextKey()) {
      switch (next) {
        case "metadata" -> fields.metadata(reader);
        case "apiVersion", "kind" -> reader.string();
        default -> fields.field(next, reader);
      }
    }
    String problem = reader.problem();
    FieldTypeException typeError = reader.typeError();
    // Built only where the snapshot will want it built: named, in a namespace if it needs one.
    if (problem != null || typeError != null || fields.name() == null
        || (kind.namespaced && fields.namespace() == null)) {
      return new ReadObject(fields, problem, typeError, null, null);
    }
    try {
      return new ReadObject(fields, null, null, fields.build(), null);
    } catch (IllegalArgumentException e) {
      return new ReadObject(fields, null, null, null, e.getMessage());
    }
  }

  /** Reads the value of {@code key}, a field of the object other than its metadata and type. */
  abstract void field(String key, FieldReader reader) throws IOException;

  /**
   * The model, once the name and namespace were checked.
   *
   * @throws IllegalArgumentException if a field the model requires is missing
   */
  abstract Object build();

  /** {@code metadata.name}, or null when it is missing or empty. */
  final String name() {
    return name == null || name.isEmpty() ? null : name;
  }

  /** {@code metadata.namespace}, or null when it is missing or empty. */
  final String namespace() {
    return namespace == null || namespace.isEmpty() ? null : namespace;
  }

  private void metadata(FieldReader reader) throws IOException {
    if (!reader.enterMap()) {
      return;
    }
    for (String key = reader.nextKey(); key != null; key = reader.nextKey()) {
      switch (key) {
        case "name" -> name = reader.string();
        case "namespace" -> namespace = reader.sharedString();
        case "uid" -> uid = reader.string();
        case "annotations" -> annotations = stringMap(reader);
        case "labels" -> labels = stringMap(reader);
        case "creationTimestamp" -> reader.dateTime();
        case "deletionTimestamp" -> deleting = reader.dateTime();
        case "ownerReferences" -> ownerReferences(reader);
        default -> reader.skip();
      }
    }
  }

  private void ownerReferences(FieldReader reader) throws IOException {
    if (!reader.enterList()) {
      return;
    }
    while (reader.nextElement()) {
      if (!reader.enterMap()) {
        continue;
      }
      Boolean controller = null;
      String ownerUid = null;
      for (String key = reader.nextKey(); key != null; key = reader.nextKey()) {
        switch (key) {
          case "controller" -> controller = reader.bool();
          case "uid" -> ownerUid = reader.string();
          case "apiVersion", "kind", "name" -> reader.string();
          case "blockOwnerDeletion" -> reader.bool();
          default -> reader.skip();
        }
      }
      // The first controller counts, as ModelAdapter takes it.
      if (Boolean.TRUE.equals(controller) && controllerUid == null) {
        controllerUid = ownerUid == null ? "" : ownerUid;
      }
    }
  }

  /** A map of strings; a key without a value (YAML {@code key:}) maps to "". */
  static ImmutableMap<String, String> stringMap(FieldReader reader) throws IOException {
    if (!reader.enterMap()) {
      return ImmutableMap.of();
    }
    ImmutableMap.Builder<String, String> map = ImmutableMap.builder();
    for (String key = reader.nextKey(); key != null; key = reader.nextKey()) {
      String value = reader.sharedString();
      map.put(reader.share(key), value == null ? "" : value);
    }
    return map.buildKeepingLast();
  }

  /** A list of strings, leaving out null entries. */
  static ImmutableList<String> stringList(FieldReader reader) throws IOException {
    if (!reader.enterList()) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<String> list = ImmutableList.builder();
    while (reader.nextElement()) {
      String value = reader.sharedString();
      if (value != null) {
        list.add(value);
      }
    }
    return list.build();
  }

  /** Whether a mapping comes next (rather than null); its content is skipped. */
  static boolean present(FieldReader reader) throws IOException {
    if (!reader.enterMap()) {
      return false;
    }
    while (reader.nextKey() != null) {
      reader.skip();
    }
    return true;
  }

  /** Checks a map of quantities, such as {@code resources.requests}; the value of {@code key}, or null. */
  static BigDecimal quantities(FieldReader reader, String key) throws IOException {
    BigDecimal found = null;
    if (!reader.enterMap()) {
      return null;
    }
    for (String next = reader.nextKey(); next != null; next = reader.nextKey()) {
      BigDecimal value = reader.quantity();
      if (next.equals(key)) {
        found = value;
      }
    }
    return found;
  }

  static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
