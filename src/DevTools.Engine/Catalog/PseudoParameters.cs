namespace DevTools.Engine.Catalog;

/// <summary>
/// CloudFormation's <c>AWS::*</c> pseudo parameters with local values. Region and account come
/// from the options; the stack is called "local", as SAM CLI calls it.
/// </summary>
internal sealed class PseudoParameters
{
    public const string NoValue = "AWS::NoValue";
    public const string NotificationArns = "AWS::NotificationARNs";
    public const string LocalStackName = "local";

    // A fixed id so the value is stable between loads (a changing StackId would retire environments for nothing).
    private const string LocalStackGuid = "00000000-0000-0000-0000-000000000000";

    private readonly Dictionary<string, string> values;

    public PseudoParameters(TemplateOptions options)
    {
        var region = options.Region;
        var partition = region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
            : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
            : "aws";
        values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS::Region"] = region,
            ["AWS::AccountId"] = options.AccountId,
            ["AWS::Partition"] = partition,
            ["AWS::URLSuffix"] = partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com",
            ["AWS::StackName"] = LocalStackName,
            ["AWS::StackId"] = $"arn:{partition}:cloudformation:{region}:{options.AccountId}:stack/{LocalStackName}/{LocalStackGuid}",
        };
    }

    public static bool IsPseudoName(string name) => name.StartsWith("AWS::", StringComparison.Ordinal);

    /// <summary>A scalar pseudo parameter's value (not <c>AWS::NoValue</c> or <c>AWS::NotificationARNs</c>, which callers handle).</summary>
    public bool TryGet(string name, out string value) => values.TryGetValue(name, out value!);
}
