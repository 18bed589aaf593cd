package io.k8up.core.internal.snapshot;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.JSON;
import java.time.OffsetDateTime;

/**
 * Reads client-java models from JSON trees, ignoring fields the models do not know.
 *
 * <p>client-java's own {@link JSON#getGson()} registers a generated adapter per model that calls
 * {@code validateJsonElement} and throws {@code IllegalArgumentException} for any field it does
 * not know, so an object written by a newer Kubernetes would not load. {@link JSON#createGson()}
 * is the same configuration before those adapters are added (client-java's exclusion of {@code
 * managedFields}, its {@code V1Status} pre-processor, the {@code @JsonAdapter}s of {@code
 * Quantity} and {@code IntOrString}); adding client-java's date-time adapter to it gives Gson's
 * reflective reading, which skips unknown fields and still checks the type of every known one.
 * Strings and quantities are read strictly ({@link StrictStringAdapter}, {@link
 * BoundedQuantityAdapter}), and numbers of a file ({@link BoundedNumber}) only within their
 * field's range.
 */
public final class ModelGson {

  private static final Gson LENIENT = base().create();
  private static final Gson LOCATING =
      base().registerTypeAdapterFactory(new LocatingAdapterFactory()).create();

  private ModelGson() {}

  private static GsonBuilder base() {
    return JSON.createGson()
        .registerTypeAdapter(OffsetDateTime.class, new JSON.OffsetDateTimeTypeAdapter())
        .registerTypeAdapter(byte[].class, new JSON.ByteArrayAdapter())
        .registerTypeAdapter(String.class, new StrictStringAdapter())
        .registerTypeAdapter(Quantity.class, new BoundedQuantityAdapter());
  }

  /**
   * The object of class {@code type} that {@code tree} describes.
   *
   * @throws FieldTypeException if a known field holds a value of the wrong type
   */
  public static <T> T fromTree(JsonElement tree, Class<T> type) {
    try {
      return LENIENT.fromJson(tree, type);
    } catch (RuntimeException firstFailure) {
      // Tracking the path of every value would slow down every read; reading again with
      // tracking, only when a read failed, finds the field at no cost to valid input.
      LOCATING.fromJson(tree, type);
      throw new FieldTypeException("", "values client-java can read", firstFailure);
    }
  }
}
