package dev.idloomsync.bench;
public final class RunAll { public static void main(String[] a) {} }
