using System.Runtime.InteropServices;
using System.Text;

// The Runtime API loop in a few lines: GET /next, POST the answer, forever.
var api = $"http://{Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")}/2018-06-01/runtime/invocation";
using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
while (true)
{
    using var next = await http.GetAsync($"{api}/next");
    var requestId = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").First();
    var body = await next.Content.ReadAsStringAsync();
    var answer = $"{{\"selfHosted\":true,\"framework\":\"{RuntimeInformation.FrameworkDescription}\",\"event\":{body}}}";
    using var posted = await http.PostAsync($"{api}/{requestId}/response", new StringContent(answer, Encoding.UTF8, "application/json"));
}
