package dev.openactions.registry.service;

import java.util.List;

/** One page of a listing: its items, how many there are in all, and which page this is. */
public record Page<T>(List<T> items, long total, int page, int perPage) {}
