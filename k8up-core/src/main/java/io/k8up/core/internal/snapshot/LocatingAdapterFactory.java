package io.k8up.core.internal.snapshot;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.Collection;

/**
 * Wraps every adapter so that the first value that fails to read is reported with its path and
 * the type it should have had. Some of client-java's adapters (dates, quantities) fail without
 * saying where, and Gson's own messages name a path relative to where reading started.
 *
 * <p>Inside a map, Gson's tree reader reports the path of a value without its key ({@code
 * spec.resources.requests.}); as every map value is read right after its key, the last string read
 * on this thread completes the path.
 */
final class LocatingAdapterFactory implements TypeAdapterFactory {

  private final ThreadLocal<String> lastString = new ThreadLocal<>();

  @Override
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
    String expected = expectation(type.getRawType());
    return new TypeAdapter<T>() {
      @Override
      public void write(JsonWriter out, T value) throws IOException {
        delegate.write(out, value);
      }

      @Override
      public T read(JsonReader in) throws IOException {
        String path = in.getPath();
        try {
          T value = delegate.read(in);
          if (value instanceof String text) {
            lastString.set(text);
          }
          return value;
        } catch (FieldTypeException alreadyLocated) {
          throw alreadyLocated;
        } catch (ValueException e) {
          throw new FieldTypeException(fieldPath(path), e.expected(), e);
        } catch (RuntimeException e) {
          throw new FieldTypeException(fieldPath(path), expected, e);
        }
      }
    };
  }

  // Gson writes "$.spec.volumes[0].name"; users write "spec.volumes[0].name".
  private String fieldPath(String gsonPath) {
    String path = gsonPath.startsWith("$") ? gsonPath.substring(1) : gsonPath;
    if (path.endsWith(".") && lastString.get() != null) {
      String key = lastString.get();
      path = key.matches("[A-Za-z0-9_-]+")
          ? path + key
          : path.substring(0, path.length() - 1) + "[\"" + TenantText.shown(key) + "\"]";
    }
    return path.startsWith(".") ? path.substring(1) : path;
  }

  private static String expectation(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class
        || type == BigInteger.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class
        || type == BigDecimal.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == OffsetDateTime.class) {
      return "a date-time such as 2024-01-01T00:00:00Z";
    }
    if (type == Quantity.class) {
      return "a quantity such as 10Gi or 500m";
    }
    if (type == IntOrString.class) {
      return "an integer or a string";
    }
    return Collection.class.isAssignableFrom(type) ? "a list" : "a mapping";
  }
}
