package io.k8up.core.kube;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonObject;
import java.util.Optional;

/**
 * One page of a list: its objects, and the token that asks for the next page, if there is one.
 *
 * @param items the objects of this page
 * @param continueToken the {@code metadata.continue} of the answer, empty on the last page
 */
public record ListPage(ImmutableList<JsonObject> items, Optional<String> continueToken) {}
