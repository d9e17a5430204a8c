package org.torch4j.docs;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Lists the public-API elements that have no Javadoc comment, the way javadoc's
 * {@code -Xdoclint:missing} does for protected visibility, but from a parse of the sources alone
 * (no class path, no attribution), so it takes seconds over the whole product.
 *
 * <p>The public API is every public or protected member of a public type (or of a public or protected
 * nested type) in a package whose {@code package-info.java} carries OSGi's {@code @Export}. The rules:
 * the package needs a comment on its {@code package-info.java}; types, constructors, methods, fields
 * and enum constants need one; a method annotated {@code @Override} inherits its comment; a record
 * needs a {@code @param} tag for each component in its own comment (its accessors need none); members
 * of interfaces are public unless declared private. Because nothing is attributed, an override without
 * {@code @Override} counts as undocumented, where doclint would let it inherit its comment.
 */
final class PublicApiDocs {

    /** OSGi's {@code @Export} on a line of its own, as package-info files carry it (not in a comment). */
    private static final Pattern EXPORT = Pattern.compile("(?m)^\\s*@(org\\.osgi\\.annotation\\.bundle\\.)?Export\\b");

    private PublicApiDocs() {
    }

    /**
     * The {@code src/main/java} folders of the product's modules under a repository root: api, the
     * backends, onnx-io, and every module under {@code ecosystem/} and {@code bundles/}, where present.
     */
    static List<Path> sourceRoots(Path repoRoot) {
        List<Path> modules = new ArrayList<>(List.of(repoRoot.resolve("api"), repoRoot.resolve("backend-cpu"),
                repoRoot.resolve("backend-cuda"), repoRoot.resolve("onnx-io")));
        for (String group : List.of("ecosystem", "bundles")) {
            modules.addAll(children(repoRoot.resolve(group)));
        }
        return modules.stream().map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
    }

    /**
     * Every undocumented public-API element in the exported packages under {@code sourceRoots}, as
     * {@code path:line kind name} with the path relative to {@code base}, in source order.
     */
    static List<String> undocumented(Path base, List<Path> sourceRoots) {
        List<Path> files = new ArrayList<>();
        for (Path root : sourceRoots) {
            for (Path packageInfo : find(root, "package-info.java")) {
                String pkg = root.relativize(packageInfo.getParent()).toString().replace(File.separatorChar, '.');
                if (EXPORT.matcher(read(packageInfo)).find()) {
                    files.addAll(children(packageInfo.getParent()).stream()
                            .filter(f -> f.toString().endsWith(".java")).toList());
                }
            }
        }
        return check(base, files);
    }

    private static List<String> check(Path base, List<Path> files) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> missing = new ArrayList<>();
        try (StandardJavaFileManager fm = ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null,
                StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) ToolProvider.getSystemJavaCompiler().getTask(null, fm, diagnostics,
                    List.of("-proc:none"), null, fm.getJavaFileObjectsFromPaths(files));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new UnitCheck(base, docs, unit, missing).run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<?> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("parse errors: " + errors);
        }
        return missing;
    }

    /** The check of one compilation unit: walks its visible types, collecting what lacks a comment. */
    private record UnitCheck(Path base, DocTrees docs, CompilationUnitTree unit, List<String> missing) {

        void run() {
            TreePath top = new TreePath(unit);
            if (unit.getSourceFile().getName().endsWith("package-info.java")) {
                if (docs.getDocCommentTree(new TreePath(top, unit.getPackage())) == null) {
                    report(unit.getPackage(), "package " + unit.getPackageName());
                }
                return;
            }
            for (Tree t : unit.getTypeDecls()) {
                if (t instanceof ClassTree c && c.getModifiers().getFlags().contains(Modifier.PUBLIC)) {
                    type(new TreePath(top, c), unit.getPackageName() + "." + c.getSimpleName());
                }
            }
        }

        /** A visible type: itself, then its visible members (nested types recursively). */
        private void type(TreePath path, String name) {
            ClassTree c = (ClassTree) path.getLeaf();
            DocCommentTree comment = docs.getDocCommentTree(path);
            if (comment == null) {
                report(c, kind(c) + " " + name);
            } else if (c.getKind() == Tree.Kind.RECORD) {
                recordParams(c, comment, name);
            }
            boolean inInterface = c.getKind() == Tree.Kind.INTERFACE || c.getKind() == Tree.Kind.ANNOTATION_TYPE;
            if (c.getKind() == Tree.Kind.CLASS && c.getMembers().stream()
                    .noneMatch(m -> m instanceof MethodTree mt && mt.getReturnType() == null)) {
                // javac adds a public constructor no comment can reach (doclint: "use of default constructor")
                report(c, "default constructor " + name + "() (declare it, with a comment)");
            }
            for (Tree m : c.getMembers()) {
                TreePath mp = new TreePath(path, m);
                if (m instanceof ClassTree nested) {
                    if (visible(nested.getModifiers(), inInterface)) {
                        type(mp, name + "." + nested.getSimpleName());
                    }
                } else if (m instanceof MethodTree method) {
                    if (visible(method.getModifiers(), inInterface) && !overrides(method)
                            && docs.getDocCommentTree(mp) == null) {
                        report(method, signature(method, name));
                    }
                } else if (m instanceof VariableTree field) {
                    // enum constants parse as public static final fields; record components as private ones
                    if (visible(field.getModifiers(), inInterface) && docs.getDocCommentTree(mp) == null) {
                        report(field, "field " + name + "." + field.getName());
                    }
                }
            }
        }

        /** A record documents its components with {@code @param} tags in its own comment. */
        private void recordParams(ClassTree c, DocCommentTree comment, String name) {
            Set<String> tagged = new HashSet<>();
            for (DocTree tag : comment.getBlockTags()) {
                if (tag instanceof ParamTree p && !p.isTypeParameter()) {
                    tagged.add(p.getName().getName().toString());
                }
            }
            for (Tree m : c.getMembers()) {
                if (m instanceof VariableTree v && !v.getModifiers().getFlags().contains(Modifier.STATIC)
                        && !tagged.contains(v.getName().toString())) {
                    report(v, "record component " + name + "." + v.getName() + " (no @param)");
                }
            }
        }

        private static boolean visible(ModifiersTree mods, boolean inInterface) {
            Set<Modifier> flags = mods.getFlags();
            return flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)
                    || inInterface && !flags.contains(Modifier.PRIVATE);
        }

        private static boolean overrides(MethodTree method) {
            for (AnnotationTree a : method.getModifiers().getAnnotations()) {
                Tree type = a.getAnnotationType();
                String simple = type instanceof MemberSelectTree s ? s.getIdentifier().toString()
                        : type instanceof IdentifierTree i ? i.getName().toString() : "";
                if (simple.equals("Override")) {
                    return true;
                }
            }
            return false;
        }

        private static String signature(MethodTree method, String owner) {
            boolean ctor = method.getReturnType() == null;
            String params = method.getParameters().stream().map(p -> p.getType().toString())
                    .collect(Collectors.joining(", "));
            return (ctor ? "constructor " + owner + "(" : "method " + owner + "." + method.getName() + "(")
                    + params + ")";
        }

        private static String kind(ClassTree c) {
            return switch (c.getKind()) {
                case INTERFACE -> "interface";
                case ENUM -> "enum";
                case RECORD -> "record";
                case ANNOTATION_TYPE -> "annotation";
                default -> "class";
            };
        }

        /** Reports at the end of the modifiers (the declaration's own line, past annotations above it). */
        private void report(Tree tree, String what) {
            ModifiersTree mods = tree instanceof ClassTree c ? c.getModifiers()
                    : tree instanceof MethodTree m ? m.getModifiers()
                    : tree instanceof VariableTree v ? v.getModifiers() : null;
            long end = mods == null ? -1 : docs.getSourcePositions().getEndPosition(unit, mods);
            long pos = end > 0 ? end : docs.getSourcePositions().getStartPosition(unit, tree);
            long line = unit.getLineMap().getLineNumber(pos);
            missing.add(base.relativize(Path.of(unit.getSourceFile().toUri())) + ":" + line + " " + what);
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> find(Path root, String fileName) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equals(fileName)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
