namespace DevTools.Engine.Layers;

/// <summary>
/// Lambda extracts a function's layers into <c>/opt</c> in the order listed, a later layer's file replacing an earlier
/// one's. This builds that merged tree in a folder: hard links where the filesystem allows (no copying of large
/// <c>node_modules</c>), copies where it does not.
/// </summary>
internal static class LayerMerge
{
    /// <summary>Merges <paramref name="layerDirectories"/> (in order) into <paramref name="target"/>, which must not exist yet.</summary>
    public static void Into(string target, IEnumerable<string> layerDirectories)
    {
        var staging = target + ".staging-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var layer in layerDirectories.Where(Directory.Exists))
                MergeDirectory(layer, staging);
            Directory.Move(staging, target); // whole or not at all: a reader never sees half a merge
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    private static void MergeDirectory(string source, string destination)
    {
        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            var into = Path.Combine(destination, Path.GetFileName(directory));
            if (File.Exists(into)) File.Delete(into); // a later layer's folder replaces an earlier layer's file of that name
            Directory.CreateDirectory(into);
            MergeDirectory(directory, into);
        }
        foreach (var file in Directory.EnumerateFiles(source))
        {
            var to = Path.Combine(destination, Path.GetFileName(file));
            if (Directory.Exists(to)) Directory.Delete(to, recursive: true);
            else if (File.Exists(to)) File.Delete(to);
            if (!Isolation.Native.TryHardLink(file, to)) File.Copy(file, to);
        }
    }
}
