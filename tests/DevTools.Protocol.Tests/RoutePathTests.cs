using DevTools.Protocol.Routing;

namespace DevTools.Protocol.Tests;

/// <summary>The resource-path rule the backend routes with and clients check paths with.</summary>
public sealed class RoutePathTests
{
    [Theory]
    [InlineData("/items/{id}", "/items/5", true)]
    [InlineData("/items/{id}", "/items", false)]
    [InlineData("/items/{id}", "/items/5/parts", false)]
    [InlineData("/items/special", "/items/special", true)]
    [InlineData("/items/special", "/items/Special", false)] // paths are case-sensitive
    [InlineData("/files/{proxy+}", "/files/a/b/c", true)]
    [InlineData("/files/{proxy+}", "/files", false)] // a greedy variable takes at least one segment
    [InlineData("/files/{proxy+}", "/files/", false)]
    [InlineData("/", "/", true)]
    [InlineData("/", "/x", false)]
    [InlineData("/items", "//items/", true)] // empty segments do not count
    public void FitsWhatApiGatewayWouldRouteThere(string template, string path, bool fits) =>
        Assert.Equal(fits, RoutePath.Parse(template).Fits(RoutePath.SegmentsOf(path)));

    [Fact]
    public void RanksALiteralAboveAVariableAboveAGreedyOne()
    {
        var segments = RoutePath.SegmentsOf("/items/special");
        Assert.Equal([2, 2], RoutePath.Parse("/items/special").Rank(segments));
        Assert.Equal([2, 1], RoutePath.Parse("/items/{id}").Rank(segments));
        Assert.Equal([2, 0], RoutePath.Parse("/items/{proxy+}").Rank(segments));
        Assert.Null(RoutePath.Parse("/other/{id}").Rank(segments));
    }

    [Fact]
    public void BindsVariablesToDecodedSegments()
    {
        Assert.Equal(new Dictionary<string, string> { ["id"] = "a b", ["rest"] = "x/y%z" },
            RoutePath.Parse("/items/{id}/{rest+}").Bind(RoutePath.SegmentsOf("/items/a%20b/x/y%25z")));
    }
}
