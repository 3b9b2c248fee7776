package dev.openactions.registry.service;

import java.util.List;
import java.util.function.Function;

/** One page of a listing: its items, how many there are in all, and which page this is. */
public record Page<T>(List<T> items, long total, int page, int perPage) {

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), total, page, perPage);
    }
}
