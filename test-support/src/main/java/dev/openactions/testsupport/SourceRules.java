package dev.openactions.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a service's own Java sources against the house rules in {@code docs/architecture-rules.md}: no reference
 * that climbs back up the layers ({@link Layering}), and no inline fully-qualified name where an import does.
 *
 * <p>A plain source scan rather than ArchUnit: the rules are about what a reader sees in a file (its imports and
 * its text), the scan needs no compiled classes, and every service runs the same few lines of it. Comments and
 * string literals are blanked out before scanning, so prose and SQL never count.
 */
public final class SourceRules {

    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?\\s*;");
    private static final Pattern TYPE_DECLARATION =
            Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z]\\w*)");
    /** A dotted name that starts with a lower-case package segment and ends in a type name. */
    private static final Pattern QUALIFIED_NAME = Pattern.compile("(?<![\\w.])((?:[a-z][a-z0-9_]*\\.)+)([A-Z]\\w*)");

    private static final Set<String> PACKAGE_ROOTS =
            Set.of("java", "javax", "jakarta", "io", "org", "com", "dev", "net", "sun", "jdk");

    private final Path sourceRoot;
    private final String basePackage;

    private SourceRules(Path sourceRoot, String basePackage) {
        this.sourceRoot = sourceRoot;
        this.basePackage = basePackage;
    }

    /** The main sources of the module the test runs in ({@code src/main/java}), under {@code basePackage}. */
    public static SourceRules mainSourcesOf(String basePackage) {
        return new SourceRules(Path.of("src", "main", "java"), basePackage);
    }

    /** Sources under an explicit root (tests of this class use a temporary folder). */
    public static SourceRules sourcesIn(Path sourceRoot, String basePackage) {
        return new SourceRules(sourceRoot, basePackage);
    }

    /**
     * Every reference that breaks the layering of {@code docs/architecture-rules.md}: a class refers to a class of
     * this service in a lower-numbered (higher) layer, to a wire record of {@code api} from outside the HTTP edge, to
     * a package the layering forbids for it, or lives in (or refers to) a package the table does not place. References
     * are imports, static imports and fully-qualified names in code.
     */
    public List<String> layerViolations(Layering layering) {
        List<String> violations = new ArrayList<>();
        for (SourceFile file : files()) {
            String from = relativePackage(file.packageName());
            if (from == null) {
                continue;
            }
            String fromClass = file.path().getFileName().toString().replace(".java", "");
            Integer fromLayer = layering.layerOf(from, fromClass, file.code());
            if (fromLayer == null) {
                violations.add(file.path() + ": package " + from + " has no layer in the table");
                continue;
            }
            for (String referenced : file.references(basePackage)) {
                if (layering.isOtherService(referenced, basePackage)) {
                    violations.add(file.path() + ": refers to another service's code: " + referenced);
                    continue;
                }
                String to = relativePackage(packageOf(referenced));
                if (to == null || to.equals(from)) {
                    continue;
                }
                String toClass = referenced.substring(referenced.lastIndexOf('.') + 1);
                Integer toLayer = layering.layerOf(to, toClass, codeOf(to, toClass));
                String why = null;
                if (toLayer == null) {
                    why = "package " + to + " has no layer in the table";
                } else if (layering.forbids(from, to)) {
                    why = from + " must not refer to " + to;
                } else if (layering.forbidsClass(from, toClass)) {
                    why = from + " must not refer to " + toClass;
                } else if (toLayer < fromLayer) {
                    why = "climbs from layer " + fromLayer + " to layer " + toLayer;
                } else if (layering.isWireModel(to) && !layering.isEdge(from, fromClass)) {
                    why = "wire records are used only at the HTTP edge";
                }
                if (why != null) {
                    violations.add(file.path() + ": " + from + "." + fromClass + " -> " + referenced + ": " + why);
                }
            }
        }
        return violations;
    }

    private String codeOf(String relativePackage, String simpleName) {
        Path file = sourceRoot
                .resolve((basePackage + "." + relativePackage).replace('.', '/'))
                .resolve(simpleName + ".java");
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every inline fully-qualified type name that an import would replace: the simple name is neither imported
     * as another type, nor declared in the file, nor the name of another type in the file's package, so writing {@code java.util.List} instead of importing it only
     * makes the line longer.
     */
    public List<String> inlineQualifiedNames() {
        List<String> violations = new ArrayList<>();
        for (SourceFile file : files()) {
            Map<String, String> importedBySimpleName = new HashMap<>();
            for (String imported : file.imports()) {
                importedBySimpleName.put(imported.substring(imported.lastIndexOf('.') + 1), imported);
            }
            Set<String> declared = new TreeSet<>();
            Matcher declaration = TYPE_DECLARATION.matcher(file.code());
            while (declaration.find()) {
                declared.add(declaration.group(1));
            }
            String[] lines = file.code().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.stripLeading().startsWith("import ")
                        || line.stripLeading().startsWith("package ")) {
                    continue;
                }
                Matcher name = QUALIFIED_NAME.matcher(line);
                while (name.find()) {
                    String packagePart = name.group(1);
                    String root = packagePart.substring(0, packagePart.indexOf('.'));
                    if (!PACKAGE_ROOTS.contains(root)) {
                        continue;
                    }
                    String simple = name.group(2);
                    String qualified = packagePart + simple;
                    String importedAs = importedBySimpleName.get(simple);
                    boolean samePackageNamesAnother = !packagePart.equals(file.packageName() + ".")
                            && Files.exists(file.path().resolveSibling(simple + ".java"));
                    boolean clashes = (importedAs != null && !importedAs.equals(qualified))
                            || declared.contains(simple)
                            || samePackageNamesAnother;
                    if (!clashes) {
                        violations.add(file.path() + ":" + (i + 1) + ": " + qualified);
                    }
                }
            }
        }
        return violations;
    }

    private List<SourceFile> files() {
        Path root = sourceRoot.resolve(basePackage.replace('.', '/'));
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("no sources under " + root.toAbsolutePath());
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> p.toString().endsWith(".java"))
                    .sorted()
                    .map(SourceFile::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code dev.openactions.registry.api.Foo}'s package relative to the base, or null if outside it. */
    private String relativePackage(String packageName) {
        if (packageName.equals(basePackage)) {
            return "";
        }
        if (!packageName.startsWith(basePackage + ".")) {
            return null;
        }
        return packageName.substring(basePackage.length() + 1);
    }

    /** The package of an imported name: the segments before the first upper-case one (nested types included). */
    private static String packageOf(String imported) {
        String[] segments = imported.split("\\.");
        StringBuilder packageName = new StringBuilder();
        for (String segment : segments) {
            if (!segment.isEmpty() && Character.isUpperCase(segment.charAt(0))) {
                break;
            }
            if (!packageName.isEmpty()) {
                packageName.append('.');
            }
            packageName.append(segment);
        }
        return packageName.toString();
    }

    private record SourceFile(Path path, String packageName, List<String> imports, String code) {

        private static final Pattern ANY_QUALIFIED_NAME =
                Pattern.compile("(?<![\\w.])((?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*)");

        /**
         * The classes of this service and of the rest of the project ({@code dev.openactions}) this file refers to,
         * by import or by a qualified name in code.
         */
        List<String> references(String basePackage) {
            Set<String> references = new TreeSet<>();
            for (String imported : imports) {
                if (isProjectName(imported, basePackage)) {
                    references.add(typeOf(imported));
                }
            }
            String[] lines = code.split("\n", -1);
            for (String line : lines) {
                if (line.stripLeading().startsWith("import ")
                        || line.stripLeading().startsWith("package ")) {
                    continue;
                }
                Matcher name = ANY_QUALIFIED_NAME.matcher(line);
                while (name.find()) {
                    if (isProjectName(name.group(1), basePackage)) {
                        references.add(name.group(1));
                    }
                }
            }
            return List.copyOf(references);
        }

        private static boolean isProjectName(String name, String basePackage) {
            return name.startsWith(basePackage + ".") || name.startsWith("dev.openactions.");
        }

        /** {@code a.b.Outer.Inner} -> {@code a.b.Outer}; wildcard package imports stay as they are. */
        private static String typeOf(String imported) {
            String[] segments = imported.split("\\.");
            StringBuilder type = new StringBuilder();
            for (String segment : segments) {
                if (!type.isEmpty()) {
                    type.append('.');
                }
                type.append(segment);
                if (!segment.isEmpty() && Character.isUpperCase(segment.charAt(0))) {
                    break;
                }
            }
            return type.toString();
        }

        private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

        static SourceFile read(Path path) {
            String code;
            try {
                code = blankCommentsAndLiterals(Files.readString(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher packageMatcher = PACKAGE.matcher(code);
            String packageName = packageMatcher.find() ? packageMatcher.group(1) : "";
            List<String> imports = new ArrayList<>();
            Matcher importMatcher = IMPORT.matcher(code);
            while (importMatcher.find()) {
                String name = importMatcher.group(2);
                if (importMatcher.group(1) != null && importMatcher.group(3) == null) {
                    // import static a.b.C.member; -> the type a.b.C
                    name = name.substring(0, name.lastIndexOf('.'));
                }
                imports.add(name);
            }
            return new SourceFile(path, packageName, imports, code);
        }

        /**
         * Replaces comments, string and character literals (text blocks included) by spaces, keeping line breaks so
         * that line numbers stay true.
         */
        static String blankCommentsAndLiterals(String source) {
            StringBuilder out = new StringBuilder(source.length());
            int i = 0;
            int n = source.length();
            while (i < n) {
                char c = source.charAt(i);
                if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                    while (i < n && source.charAt(i) != '\n') {
                        out.append(' ');
                        i++;
                    }
                } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                    int end = source.indexOf("*/", i + 2);
                    end = end < 0 ? n : end + 2;
                    blank(source, i, end, out);
                    i = end;
                } else if (source.startsWith("\"\"\"", i)) {
                    int end = source.indexOf("\"\"\"", i + 3);
                    while (end > 0 && source.charAt(end - 1) == '\\') {
                        end = source.indexOf("\"\"\"", end + 1);
                    }
                    end = end < 0 ? n : end + 3;
                    blank(source, i, end, out);
                    i = end;
                } else if (c == '"' || c == '\'') {
                    int end = i + 1;
                    while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                        end += source.charAt(end) == '\\' ? 2 : 1;
                    }
                    end = Math.min(n, end + 1);
                    blank(source, i, end, out);
                    i = end;
                } else {
                    out.append(c);
                    i++;
                }
            }
            return out.toString();
        }

        private static void blank(String source, int from, int to, StringBuilder out) {
            for (int k = from; k < to; k++) {
                out.append(source.charAt(k) == '\n' ? '\n' : ' ');
            }
        }
    }
}
