package io.k8up.core.internal.snapshot;

import com.google.gson.JsonObject;
import java.util.Map;

/**
 * What reading the items of a source's first list ahead of the rest left to do: how many objects
 * it counted, and the items that wait for the list's kind, which comes after them.
 *
 * @param objects the items counted against {@link ReadLimits#maxObjects()}
 * @param waiting the items that omit their kind or apiVersion, by location, in order
 */
record ReadAhead(int objects, Map<Location, JsonObject> waiting) {}
