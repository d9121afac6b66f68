using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using DevTools.Engine.Build;
using DevTools.Engine.Catalog;
using DevTools.Engine.Events;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Build;

/// <summary>
/// <c>devtools build</c> on real projects as <c>sam init</c> or <c>git clone</c> leaves them: a Node.js function with a
/// package.json (and a lock file) and a Python function with a requirements.txt, whose dependencies are local packages
/// the test makes (an npm tarball, a wheel), since only the npm registry is reachable here.
/// </summary>
public sealed class FunctionBuildTests : IDisposable
{
    private readonly string _project = Path.Combine(Path.GetTempPath(), "devtools-tests", Guid.NewGuid().ToString("N")[..12], "project");

    public FunctionBuildTests()
    {
        Directory.CreateDirectory(Path.Combine(_project, "node"));
        Directory.CreateDirectory(Path.Combine(_project, "python", "wheels"));
        File.WriteAllText(Path.Combine(_project, "template.yaml"), """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              NodeDeps:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: node/
                  Handler: index.handler
                  Runtime: nodejs20.x
                  Timeout: 10
              PythonDeps:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: python/
                  Handler: app.handler
                  Runtime: python3.11
                  Timeout: 10
            """);
        File.WriteAllText(Path.Combine(_project, "node", "index.mjs"), "import greet from 'greet';\nexport const handler = async (event) => greet(event.name);\n");
        WritePackageJson(TestPackages.PackGreet(Path.GetDirectoryName(_project)!));
        File.WriteAllText(Path.Combine(_project, "python", "app.py"), "import tinypkg\n\ndef handler(event, context):\n    return tinypkg.shout(event['name'])\n");
        WriteWheel(Path.Combine(_project, "python", "wheels", "tinypkg-1.0-py3-none-any.whl"));
        File.WriteAllText(Path.Combine(_project, "python", "requirements.txt"), "# local wheel: no package index is needed\n./wheels/tinypkg-1.0-py3-none-any.whl\n");
    }

    private FunctionCatalog Load() => TemplateLoader.Load(Path.Combine(_project, "template.yaml"), new TemplateOptions());

    [Fact]
    public async Task AFreshCloneIsToldToBuildThenBuildsOnceAndRunsWithItsDependencies()
    {
        var catalog = Load();
        Assert.Contains(catalog.Diagnostics, d => d.Code == DiagnosticCodes.DependenciesNotInstalled && d.FunctionId == "NodeDeps");
        Assert.Contains(catalog.Diagnostics, d => d.Code == DiagnosticCodes.DependenciesNotInstalled && d.FunctionId == "PythonDeps");
        await using var test = new TestEngine(catalog);

        var before = await test.InvokeAsync("NodeDeps", new { name = "ann" });
        Assert.Contains("Cannot find package 'greet'", before.Text());
        await test.InvokeAsync("NodeDeps", new { name = "ann" });
        var warning = Assert.Single(test.Of<EngineWarning>()); // in the lifecycle log too, once
        Assert.Contains("run `devtools build`", warning.Message);

        var report = await test.Engine.BuildAsync(null, force: false);
        Assert.True(report.Succeeded, string.Join('\n', report.Functions.Select(f => $"{f.Function.LogicalId}: {f.Message}")));
        Assert.All(report.Functions, f => Assert.Equal(FunctionBuildOutcome.Built, f.Status));
        Assert.Contains(test.Of<BuildStarted>(), e => e.FunctionName == "NodeDeps" && e.Command.StartsWith("npm install --omit=dev"));
        Assert.Contains(test.Of<BuildOutput>(), e => e.FunctionName == "PythonDeps" && e.Line.Contains("tinypkg"));
        Assert.DoesNotContain(test.Engine.Catalog.Diagnostics, d => d.Code == DiagnosticCodes.DependenciesNotInstalled);

        var node = await test.InvokeAsync("NodeDeps", new { name = "ann" });
        var python = await test.InvokeAsync("PythonDeps", new { name = "bob" });
        Assert.True(node.ColdStart, "the build retires the environment that ran without it");
        Assert.Equal("\"hello ann\"", node.Text());
        Assert.Equal("\"BOB!\"", python.Text());

        // A new engine over the same template runs with the build too, and says so.
        var reloaded = Load();
        Assert.Contains(reloaded.Diagnostics, d => d.Code == DiagnosticCodes.RunsWithBuild && d.FunctionId == "NodeDeps");
        Assert.Equal(Path.Combine(_project, BuildFolder.Root, "NodeDeps"), reloaded.Find("NodeDeps")!.DependenciesDirectory);
    }

    [Fact]
    public async Task AnUnchangedManifestReusesTheBuildAndAChangedOneRebuildsIt()
    {
        await using var test = new TestEngine(Load());
        Assert.Equal(FunctionBuildOutcome.Built, (await test.Engine.BuildAsync(["NodeDeps"], false)).Functions.Single().Status);
        Assert.Equal(FunctionBuildOutcome.Reused, (await test.Engine.BuildAsync(["NodeDeps"], false)).Functions.Single().Status);
        Assert.Equal(FunctionBuildOutcome.Built, (await test.Engine.BuildAsync(["NodeDeps"], true)).Functions.Single().Status);
        Assert.Equal("\"hello ann\"", (await test.InvokeAsync("NodeDeps", new { name = "ann" })).Text());

        WritePackageJson(TestPackages.PackGreet(Path.GetDirectoryName(_project)!, "2.0.0", "howdy"));
        Assert.Contains(Load().Diagnostics, d => d.Code == DiagnosticCodes.BuildOutdated && d.FunctionId == "NodeDeps");
        Assert.Equal(FunctionBuildOutcome.Built, (await test.Engine.BuildAsync(["NodeDeps"], false)).Functions.Single().Status);
        var after = await test.InvokeAsync("NodeDeps", new { name = "ann" });
        Assert.True(after.ColdStart);
        Assert.Equal("\"howdy ann\"", after.Text());
    }

    [Fact]
    public async Task ALockFileIsInstalledWithNpmCi()
    {
        var npm = Process.Start(new ProcessStartInfo("npm", ["install", "--package-lock-only", "--no-audit", "--no-fund"]) { WorkingDirectory = Path.Combine(_project, "node") })!;
        await npm.WaitForExitAsync();
        Assert.True(File.Exists(Path.Combine(_project, "node", "package-lock.json")));
        await using var test = new TestEngine(Load());

        var outcome = (await test.Engine.BuildAsync(["NodeDeps"], false)).Functions.Single();

        Assert.Equal(FunctionBuildOutcome.Built, outcome.Status);
        Assert.StartsWith("npm ci --omit=dev", outcome.Command);
        Assert.Equal("\"hello ann\"", (await test.InvokeAsync("NodeDeps", new { name = "ann" })).Text());
    }

    [Fact]
    public async Task ABrokenManifestFailsClearlyAndLeavesThePreviousBuildInUse()
    {
        await using var test = new TestEngine(Load());
        Assert.True((await test.Engine.BuildAsync(null, false)).Succeeded);

        File.WriteAllText(Path.Combine(_project, "node", "package.json"), "{ \"dependencies\": { broken");
        File.AppendAllText(Path.Combine(_project, "python", "requirements.txt"), "./wheels/does-not-exist-1.0-py3-none-any.whl\n");
        var report = await test.Engine.BuildAsync(null, false);

        Assert.False(report.Succeeded);
        var node = report.Functions.Single(f => f.Function.LogicalId == "NodeDeps");
        var python = report.Functions.Single(f => f.Function.LogicalId == "PythonDeps");
        Assert.Equal(FunctionBuildOutcome.Failed, node.Status);
        Assert.Contains("is not valid JSON", node.Message);
        Assert.Equal(FunctionBuildOutcome.Failed, python.Status);
        Assert.Contains("previous build stays in use", python.Message);
        Assert.Contains(test.Of<BuildFinished>(), e => e.FunctionName == "PythonDeps" && e.Status == FunctionBuildOutcome.Failed && e.Error is not null);
        Assert.False(Directory.Exists(Path.Combine(_project, BuildFolder.Root, "PythonDeps.staging")));
        Assert.Equal("\"BOB!\"", (await test.InvokeAsync("PythonDeps", new { name = "bob" })).Text());
        // (Node.js itself refuses a code folder whose package.json is broken; the installed packages are still there.)
        Assert.True(File.Exists(Path.Combine(_project, BuildFolder.Root, "NodeDeps", "node_modules", "greet", "package.json")));
    }

    [Fact]
    public async Task OnlyDevDependenciesMeanNothingToInstall()
    {
        File.WriteAllText(Path.Combine(_project, "node", "package.json"), """{ "name": "x", "devDependencies": { "mocha": "^10.0.0" } }""");
        var catalog = Load();
        Assert.DoesNotContain(catalog.Diagnostics, d => d.FunctionId == "NodeDeps" && d.Code == DiagnosticCodes.DependenciesNotInstalled);
        await using var test = new TestEngine(catalog);

        var outcome = (await test.Engine.BuildAsync(["NodeDeps"], false)).Functions.Single();

        Assert.Equal(FunctionBuildOutcome.Skipped, outcome.Status);
        Assert.Contains("declares no dependencies", outcome.Message);
    }

    [Fact]
    public async Task AnUnknownFunctionIsLambdasNotFound()
    {
        await using var test = new TestEngine(Load());
        var error = await Assert.ThrowsAsync<DevTools.Engine.Invocation.LambdaServiceException>(() => test.Engine.BuildAsync(["Nope"], false));
        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public void SamBuildsTemplateIsPreferredInAFolderAndSaysSo()
    {
        var built = Path.Combine(_project, ".aws-sam", "build");
        Directory.CreateDirectory(Path.Combine(built, "NodeDeps"));
        File.WriteAllText(Path.Combine(built, "template.yaml"), "Resources:\n  NodeDeps:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: NodeDeps\n      Handler: index.handler\n      Runtime: nodejs20.x\n");
        File.SetLastWriteTimeUtc(Path.Combine(_project, "template.yaml"), DateTime.UtcNow.AddMinutes(1));

        var catalog = TemplateLoader.Load(_project, new TemplateOptions());

        Assert.Equal(Path.Combine(built, "template.yaml"), catalog.TemplatePath);
        Assert.Equal(Path.Combine(built, "NodeDeps"), catalog.Find("NodeDeps")!.CodeDirectory);
        Assert.Contains(catalog.Diagnostics, d => d.Code == DiagnosticCodes.UsingSamBuildTemplate);
        Assert.Contains(catalog.Diagnostics, d => d.Code == DiagnosticCodes.SamBuildTemplateOutdated);
    }

    public void Dispose()
    {
        try { Directory.Delete(Path.GetDirectoryName(_project)!, recursive: true); } catch (IOException) { }
    }

    private void WritePackageJson(string tarball) =>
        File.WriteAllText(Path.Combine(_project, "node", "package.json"),
            $$"""{ "name": "node-deps", "version": "1.0.0", "type": "module", "dependencies": { "greet": "file:{{tarball}}" } }""");

    /// <summary>A pure-Python wheel (a zip with its metadata), which pip installs with no index.</summary>
    private static void WriteWheel(string path)
    {
        var files = new Dictionary<string, string>
        {
            ["tinypkg/__init__.py"] = "def shout(text):\n    return text.upper() + '!'\n",
            ["tinypkg-1.0.dist-info/METADATA"] = "Metadata-Version: 2.1\nName: tinypkg\nVersion: 1.0\n",
            ["tinypkg-1.0.dist-info/WHEEL"] = "Wheel-Version: 1.0\nGenerator: devtools-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        };
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var record = new StringBuilder();
        foreach (var (name, text) in files)
        {
            using (var writer = new StreamWriter(zip.CreateEntry(name).Open())) writer.Write(text);
            var digest = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            record.Append($"{name},sha256={digest},{Encoding.UTF8.GetByteCount(text)}\n");
        }
        record.Append("tinypkg-1.0.dist-info/RECORD,,\n");
        using (var writer = new StreamWriter(zip.CreateEntry("tinypkg-1.0.dist-info/RECORD").Open())) writer.Write(record.ToString());
    }
}
