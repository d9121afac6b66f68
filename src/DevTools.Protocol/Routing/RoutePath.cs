using System;
using System.Collections.Generic;
using System.Linq;

namespace DevTools.Protocol.Routing;

/// <summary>
/// An API Gateway resource path (<c>/items/{id}</c>, <c>/files/{proxy+}</c>) and how a request path fits it: the one
/// rule for the backend's route table and for clients that check a path before sending it. A literal segment fits
/// itself, a <c>{variable}</c> one segment, a greedy <c>{variable+}</c> (last) one or more.
/// </summary>
public sealed class RoutePath
{
    private readonly Segment[] _segments;

    private RoutePath(Segment[] segments) => _segments = segments;

    public static RoutePath Parse(string path) =>
        new([.. path.Split(['/'], StringSplitOptions.RemoveEmptyEntries).Select(part =>
            part.StartsWith("{", StringComparison.Ordinal) && part.EndsWith("}", StringComparison.Ordinal)
                ? new Segment(null, part.TrimStart('{').TrimEnd('}').TrimEnd('+'), part.EndsWith("+}", StringComparison.Ordinal))
                : new Segment(part, null, false))]);

    /// <summary>A request path's segments as API Gateway matches them: empty ones dropped, each percent-decoded.</summary>
    public static IReadOnlyList<string> SegmentsOf(string rawPath) =>
        [.. rawPath.Split(['/'], StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)];

    /// <summary>How well the segments fit, one figure per segment of this path (2 literal, 1 variable, 0 greedy); null when they do not.</summary>
    public IReadOnlyList<int>? Rank(IReadOnlyList<string> segments)
    {
        var rank = new List<int>(_segments.Length);
        for (var i = 0; i < _segments.Length; i++)
        {
            var part = _segments[i];
            if (i >= segments.Count) return null; // a greedy variable, too, takes at least one segment
            if (part.Greedy)
            {
                rank.Add(0);
                return rank;
            }
            if (part.Variable is null && !string.Equals(part.Literal, segments[i], StringComparison.Ordinal)) return null;
            rank.Add(part.Variable is null ? 2 : 1);
        }
        return _segments.Length == segments.Count ? rank : null;
    }

    public bool Fits(IReadOnlyList<string> segments) => Rank(segments) is not null;

    /// <summary>The values of the path's variables in segments that fit it (a greedy one takes the rest, joined by <c>/</c>).</summary>
    public IReadOnlyDictionary<string, string> Bind(IReadOnlyList<string> segments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < _segments.Length && i < segments.Count; i++)
        {
            if (_segments[i].Variable is not { } name) continue;
            values[name] = _segments[i].Greedy ? string.Join("/", segments.Skip(i)) : segments[i];
        }
        return values;
    }

    private sealed class Segment(string? literal, string? variable, bool greedy)
    {
        public string? Literal { get; } = literal;
        public string? Variable { get; } = variable;
        public bool Greedy { get; } = greedy;
    }
}
