using DevTools.Protocol.TypeScript;

var target = GeneratedProtocolFile.PathFrom(AppContext.BaseDirectory);
var generated = TypeScriptProtocol.Generate();
if (File.Exists(target) && File.ReadAllText(target) == generated)
{
    Console.WriteLine($"{target} is up to date.");
    return;
}
File.WriteAllText(target, generated);
Console.WriteLine($"Wrote {target}.");
