using DevTools.Engine.Catalog;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Runtimes;

/// <summary>
/// The Java test functions (Functions/java), compiled once per test run into the two layouts Lambda takes: the classes
/// at the code's root beside <c>lib/*.jar</c>, and everything in <c>lib/*.jar</c>. Both carry the stand-in
/// <c>com.amazonaws.services.lambda.runtime</c> interfaces as their own <c>aws-lambda-java-core</c> jar, as a real
/// function does (a third lacks it); a layer carries <c>java/lib/greeting.jar</c>.
/// </summary>
internal static class JavaTestFunctions
{
    private sealed record Layouts(string Classes, string Jars, string WithoutCore, string Layer);

    private static readonly Lazy<Layouts> Built = new(Build);

    public static string ClassesLayout => Built.Value.Classes;
    public static string JarLayout => Built.Value.Jars;
    public static string Layer => Built.Value.Layer;

    /// <summary>The classes without their <c>aws-lambda-java-core</c> jar (a build that marked it <c>provided</c>).</summary>
    public static string WithoutCoreLayout => Built.Value.WithoutCore;

    public static FunctionConfiguration Function(string runtime, string handler, string? codeDirectory = null, int timeoutSeconds = 5,
        IReadOnlyDictionary<string, string>? environment = null) =>
        TestFunctions.Managed("J", runtime, "java", handler, timeoutSeconds) with
        {
            CodeDirectory = codeDirectory ?? ClassesLayout,
            Environment = environment ?? new Dictionary<string, string>(),
        };

    private static Layouts Build()
    {
        var sources = Path.Combine(TestFunctions.FunctionsDirectory, "java");
        var root = Path.Combine(Path.GetTempPath(), "devtools-tests", "java-" + Guid.NewGuid().ToString("N")[..12]);
        var work = Path.Combine(root, "build");

        var coreClasses = Path.Combine(work, "core");
        JavaCode.Compile(coreClasses, [], Path.Combine(sources, "aws-lambda-java-core"));
        var coreJar = Path.Combine(work, "aws-lambda-java-core.jar");
        JavaCode.Jar(coreClasses, coreJar);
        var handlerClasses = Path.Combine(work, "handlers");
        JavaCode.Compile(handlerClasses, [coreJar], Path.Combine(sources, "handlers"));
        MakeTooNew(Path.Combine(handlerClasses, "example", "TooNew.class"));

        var classes = Path.Combine(root, "classes");
        CopyDirectory(handlerClasses, classes);
        File.Copy(coreJar, Path.Combine(classes, "lib", "aws-lambda-java-core.jar"));

        var jars = Path.Combine(root, "jars");
        JavaCode.Jar(handlerClasses, Path.Combine(jars, "lib", "app.jar"));
        File.Copy(coreJar, Path.Combine(jars, "lib", "aws-lambda-java-core.jar"));

        var withoutCore = Path.Combine(root, "without-core");
        CopyDirectory(handlerClasses, withoutCore);

        var layer = Path.Combine(root, "layer");
        JavaCode.Compile(Path.Combine(work, "layer"), [], Path.Combine(sources, "layer"));
        JavaCode.Jar(Path.Combine(work, "layer"), Path.Combine(layer, "java", "lib", "greeting.jar"));
        return new Layouts(classes, jars, withoutCore, layer);
    }

    /// <summary>Class file version 99 (bytes 6-7 of the file): no JDK can load it, as a JDK too old for the code cannot.</summary>
    private static void MakeTooNew(string classFile)
    {
        var bytes = File.ReadAllBytes(classFile);
        bytes[6] = 0;
        bytes[7] = 99;
        File.WriteAllBytes(classFile, bytes);
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        Directory.CreateDirectory(Path.Combine(target, "lib"));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
