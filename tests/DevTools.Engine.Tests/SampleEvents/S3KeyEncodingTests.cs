using DevTools.Engine.SampleEvents;
using FsCheck;
using FsCheck.Fluent;

namespace DevTools.Engine.Tests.SampleEvents;

/// <summary>S3 keys as event notifications carry them: form URL encoding, read back as a function reads them.</summary>
public sealed class S3KeyEncodingTests
{
    [Theory]
    [InlineData("red flower.jpg", "red+flower.jpg")]
    [InlineData("uploads/2025/a b/c.txt", "uploads/2025/a+b/c.txt")]
    [InlineData("a+b=c&d?e:f", "a%2Bb%3Dc%26d%3Fe%3Af")]
    [InlineData("naïve 日本.png", "na%C3%AFve+%E6%97%A5%E6%9C%AC.png")]
    [InlineData("keep-these_.*", "keep-these_.*")]
    [InlineData("(1)~%", "%281%29%7E%25")]
    public void EncodesAsS3Does(string key, string encoded) => Assert.Equal(encoded, S3KeyEncoding.Encode(key));

    [Fact]
    public void AFunctionDecodingTheKeyAsAwsDocumentsGetsItBack() =>
        Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), key =>
        {
            var text = key.Get;
            if (text.Any(char.IsSurrogate)) return; // lone surrogates are no UTF-8 key
            var encoded = S3KeyEncoding.Encode(text);
            Assert.DoesNotContain(' ', encoded);
            // Python's unquote_plus, Node's decodeURIComponent(key.replace(/\+/g, ' ')).
            Assert.Equal(text, Uri.UnescapeDataString(encoded.Replace('+', ' ')));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
}
