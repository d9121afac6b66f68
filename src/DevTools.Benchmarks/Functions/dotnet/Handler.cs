namespace Bench;

public static class Handler
{
    private static readonly byte[] Ok = System.Text.Encoding.UTF8.GetBytes("{\"ok\":true}");

    public static System.IO.Stream Handle(System.IO.Stream input) => new System.IO.MemoryStream(Ok);
}
