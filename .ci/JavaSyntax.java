import com.sun.source.util.JavacTask;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Parses Java sources without compiling them: the generated bindings import the jsii runtime and aws-cdk-lib's jars,
 * which only Maven Central has, so a syntax check is what can be done offline.
 *
 * Usage: java .ci/JavaSyntax.java FILE...; exits 1 with the errors when a file does not parse.
 */
public class JavaSyntax {
  public static void main(String[] args) throws Exception {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<File> files = new ArrayList<>();
    for (String arg : args) {
      files.add(new File(arg));
    }
    try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      JavacTask task = (JavacTask) compiler.getTask(null, fileManager, diagnostics, List.of("-proc:none"), null,
          fileManager.getJavaFileObjectsFromFiles(files));
      task.parse();
    }
    int errors = 0;
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors++;
        System.err.println(d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
      }
    }
    System.out.println("parsed " + files.size() + " Java file(s), " + errors + " syntax error(s)");
    System.exit(errors == 0 ? 0 : 1);
  }
}
