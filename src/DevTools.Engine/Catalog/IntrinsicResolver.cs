using System.Globalization;
using System.Text;

namespace DevTools.Engine.Catalog;

/// <summary>
/// Replaces intrinsic functions with the values a local run can know: parameters, pseudo parameters,
/// mappings and conditions. What only a deployed stack knows (attributes, imports, physical ids) becomes
/// an <see cref="UnresolvedValue"/> with a readable <c>${...}</c> placeholder and a warning at the node.
/// </summary>
internal sealed class IntrinsicResolver
{
    private readonly TemplateContext template;
    private readonly DiagnosticList diagnostics;

    public IntrinsicResolver(TemplateContext template, DiagnosticList diagnostics)
    {
        this.template = template;
        this.diagnostics = diagnostics;
        Conditions = new ConditionEvaluator(template, this, diagnostics);
    }

    public ConditionEvaluator Conditions { get; }

    /// <summary>The value with every intrinsic replaced; null when it is <c>AWS::NoValue</c> (the property is removed).</summary>
    /// <param name="functionId">The function the value belongs to, carried by every finding.</param>
    public TemplateValue? Resolve(TemplateValue value, string? functionId) => value switch
    {
        ScalarValue scalar => CheckDynamicReference(scalar, functionId),
        ListValue list => new ListValue(list.Items.Select(i => Resolve(i, functionId)).OfType<TemplateValue>().ToList(), list.Location),
        MapValue map => new MapValue(ResolveEntries(map, functionId), map.Location),
        IntrinsicValue function => ResolveFunction(function, functionId),
        _ => value,
    };

    private List<MapEntry> ResolveEntries(MapValue map, string? functionId)
    {
        var entries = new List<MapEntry>(map.Entries.Count);
        foreach (var entry in map.Entries)
            if (Resolve(entry.Value, functionId) is { } resolved)
                entries.Add(entry with { Value = resolved });
        return entries;
    }

    private TemplateValue? ResolveFunction(IntrinsicValue function, string? functionId) => function.Function switch
    {
        "Ref" => Ref(function, functionId),
        "Fn::Sub" => Sub(function, functionId),
        "Fn::GetAtt" => GetAtt(function, functionId),
        "Fn::Join" => Join(function, functionId),
        "Fn::Select" => Select(function, functionId),
        "Fn::Split" => Split(function, functionId),
        "Fn::FindInMap" => FindInMap(function, functionId),
        "Fn::Base64" => Base64(function, functionId),
        "Fn::Cidr" => Cidr(function, functionId),
        "Fn::If" => If(function, functionId),
        "Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not" or "Condition" =>
            Conditions.Evaluate(function, functionId) is { } truth
                ? new ScalarValue(truth ? "true" : "false", function.Location)
                : new UnresolvedValue(Placeholder(function), function.Location),
        "Fn::ImportValue" => Unresolvable(function, "!ImportValue reads another stack's export, which exists only in AWS", functionId),
        "Fn::GetAZs" => Unresolvable(function, "!GetAZs lists an account's Availability Zones, which only AWS knows", functionId),
        "Fn::Transform" => Unresolvable(function, "!Transform runs a macro in AWS CloudFormation", functionId),
        _ => Unresolvable(function, $"{function.Function} is not supported locally", functionId),
    };

    private TemplateValue? Ref(IntrinsicValue function, string? functionId)
    {
        if (function.Argument is not ScalarValue { Text.Length: > 0 } name)
            return Invalid(function, "Ref takes the name of a parameter, pseudo parameter or resource.", functionId);
        return RefByName(name.Text, function.Location, functionId);
    }

    private TemplateValue? RefByName(string name, SourceLocation at, string? functionId)
    {
        var placeholder = new UnresolvedValue("${" + name + "}", at);
        if (name == PseudoParameters.NoValue)
            return null;
        if (name == PseudoParameters.NotificationArns)
            return new ListValue([], at);
        if (template.Pseudo.TryGet(name, out var pseudo))
            return new ScalarValue(pseudo, at);

        if (template.Parameters.IsDeclared(name))
        {
            if (template.Parameters.NeedsSsm(name))
            {
                diagnostics.Warning(DiagnosticCodes.UnresolvableIntrinsic,
                    $"Parameter '{name}' is read from SSM Parameter Store at deploy time; pass its value with --parameter-overrides to use it locally.", at, functionId);
                return placeholder;
            }
            var value = template.Parameters.ValueOf(name);
            if (value is null)
            {
                diagnostics.Warning(DiagnosticCodes.ParameterWithoutValue,
                    $"Parameter '{name}' has no Default and no override; pass it with --parameter-overrides {name}=<value>.", at, functionId);
                return placeholder;
            }
            return template.Parameters.IsList(name)
                ? new ListValue(value.Split(',').Select(v => (TemplateValue)new ScalarValue(v, at)).ToList(), at)
                : new ScalarValue(value, at);
        }

        if (template.ResourceNames.Contains(name))
        {
            diagnostics.Warning(DiagnosticCodes.UnresolvableIntrinsic,
                $"!Ref {name} is the physical id of a resource, which exists only in a deployed stack; '{placeholder.Placeholder}' is used instead.", at, functionId);
            return placeholder;
        }

        diagnostics.Error(DiagnosticCodes.UnknownReference, PseudoParameters.IsPseudoName(name)
            ? $"'{name}' is not a CloudFormation pseudo parameter."
            : $"'{name}' is not a parameter or resource of this template.", at, functionId);
        return placeholder;
    }

    private TemplateValue? GetAtt(IntrinsicValue function, string? functionId)
    {
        string? resource = null, attribute = null;
        switch (function.Argument)
        {
            case ScalarValue scalar when scalar.Text.IndexOf('.') is > 0 and var dot && dot < scalar.Text.Length - 1:
                (resource, attribute) = (scalar.Text[..dot], scalar.Text[(dot + 1)..]);
                break;
            case ListValue { Items: [ScalarValue first, var second] }:
                resource = first.Text;
                if (Text(Resolve(second, functionId)) is { } name)
                    attribute = name;
                break;
        }
        if (resource is null || attribute is null)
            return Invalid(function, "Fn::GetAtt takes 'Resource.Attribute' or [Resource, Attribute].", functionId);
        return GetAttByName(resource, attribute, function.Location, functionId);
    }

    private UnresolvedValue GetAttByName(string resource, string attribute, SourceLocation at, string? functionId)
    {
        var text = $"{resource}.{attribute}";
        if (template.ResourceNames.Contains(resource))
        {
            diagnostics.Warning(DiagnosticCodes.UnresolvableIntrinsic,
                $"!GetAtt {text} is an attribute of a deployed resource and can't be resolved locally; '${{{text}}}' is used instead.", at, functionId);
        }
        else
        {
            diagnostics.Error(DiagnosticCodes.UnknownReference, $"GetAtt refers to '{resource}', which is not a resource of this template.", at, functionId);
        }
        return new UnresolvedValue("${" + text + "}", at);
    }

    private TemplateValue? Sub(IntrinsicValue function, string? functionId)
    {
        string format;
        MapValue? variables = null;
        switch (function.Argument)
        {
            case ScalarValue scalar:
                format = scalar.Text;
                break;
            case ListValue { Items: [ScalarValue scalar, MapValue map] }:
                (format, variables) = (scalar.Text, map);
                break;
            default:
                return Invalid(function, "Fn::Sub takes a string, or a list of a string and a map of variables.", functionId);
        }

        var result = new StringBuilder(format.Length);
        var unresolved = false;
        var position = 0;
        while (position < format.Length)
        {
            var open = format.IndexOf("${", position, StringComparison.Ordinal);
            var close = open < 0 ? -1 : format.IndexOf('}', open + 2);
            if (close < 0)
                break; // no more complete ${...}: the rest is literal
            result.Append(format, position, open - position);
            var body = format[(open + 2)..close];
            if (body.StartsWith('!'))
                result.Append("${").Append(body, 1, body.Length - 1).Append('}'); // ${!Literal} writes ${Literal}
            else
            {
                var value = SubVariable(body.Trim(), variables, function, functionId);
                if (Text(value) is { } text)
                    result.Append(text);
                unresolved |= value is UnresolvedValue;
            }
            position = close + 1;
        }
        result.Append(format, position, format.Length - position);
        return unresolved ? new UnresolvedValue(result.ToString(), function.Location) : new ScalarValue(result.ToString(), function.Location);
    }

    private TemplateValue? SubVariable(string name, MapValue? variables, IntrinsicValue function, string? functionId)
    {
        if (variables?.Find(name) is { } variable)
        {
            var value = Resolve(variable.Value, functionId);
            if (value is null or ScalarValue or UnresolvedValue)
                return value;
            diagnostics.Error(DiagnosticCodes.InvalidIntrinsic, $"Fn::Sub variable '{name}' must be a string.", variable.Value.Location, functionId);
            return new UnresolvedValue("${" + name + "}", function.Location);
        }
        var dot = name.IndexOf('.');
        if (dot > 0 && !PseudoParameters.IsPseudoName(name))
            return GetAttByName(name[..dot], name[(dot + 1)..], function.Location, functionId);
        var resolved = RefByName(name, function.Location, functionId);
        if (resolved is ListValue)
        {
            diagnostics.Error(DiagnosticCodes.InvalidIntrinsic, $"Fn::Sub variable '{name}' is a list; join it first with Fn::Join.", function.Location, functionId);
            return new UnresolvedValue("${" + name + "}", function.Location);
        }
        return resolved;
    }

    private TemplateValue? Join(IntrinsicValue function, string? functionId)
    {
        if (Arguments(function, 2, 2, "[delimiter, [values...]]", functionId) is not { } args)
            return Invalid(function, null, functionId);
        var delimiter = Resolve(args[0], functionId);
        var values = Resolve(args[1], functionId);
        if (FirstUnresolved(function, delimiter, values) is { } pending)
            return pending;
        if (delimiter is not ScalarValue separator || values is not ListValue list)
            return Invalid(function, "Fn::Join takes [delimiter, [values...]].", functionId);

        var parts = new List<string>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (Text(item) is not { } text)
                return Invalid(function, "Fn::Join can only join strings.", functionId);
            parts.Add(text);
        }
        var joined = string.Join(separator.Text, parts);
        return list.Items.Any(i => i is UnresolvedValue) ? new UnresolvedValue(joined, function.Location) : new ScalarValue(joined, function.Location);
    }

    private TemplateValue? Select(IntrinsicValue function, string? functionId)
    {
        if (Arguments(function, 2, 2, "[index, [values...]]", functionId) is not { } args)
            return Invalid(function, null, functionId);
        var index = Resolve(args[0], functionId);
        var values = Resolve(args[1], functionId);
        if (FirstUnresolved(function, index, values) is { } pending)
            return pending;
        if (index is not ScalarValue indexText || !int.TryParse(indexText.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || values is not ListValue list)
            return Invalid(function, "Fn::Select takes [index, [values...]] with a non-negative integer index.", functionId);
        if (i >= list.Items.Count)
            return Invalid(function, $"Fn::Select index {i} is out of range: the list has {list.Items.Count} item(s).", functionId);
        return list.Items[i] with { Location = function.Location };
    }

    private TemplateValue? Split(IntrinsicValue function, string? functionId)
    {
        if (Arguments(function, 2, 2, "[delimiter, string]", functionId) is not { } args)
            return Invalid(function, null, functionId);
        var delimiter = Resolve(args[0], functionId);
        var source = Resolve(args[1], functionId);
        if (FirstUnresolved(function, delimiter, source) is { } pending)
            return pending;
        if (delimiter is not ScalarValue { Text.Length: > 0 } separator || source is not ScalarValue text)
            return Invalid(function, "Fn::Split takes [delimiter, string] with a non-empty delimiter.", functionId);
        return new ListValue(text.Text.Split(separator.Text).Select(p => (TemplateValue)new ScalarValue(p, function.Location)).ToList(), function.Location);
    }

    private TemplateValue? FindInMap(IntrinsicValue function, string? functionId)
    {
        if (Arguments(function, 3, 4, "[MapName, TopLevelKey, SecondLevelKey]", functionId) is not { } args)
            return Invalid(function, null, functionId);
        var keys = args.Take(3).Select(a => Resolve(a, functionId)).ToList();
        if (FirstUnresolved(function, [.. keys]) is { } pending)
            return pending;
        if (keys.Any(k => k is not ScalarValue))
            return Invalid(function, "Fn::FindInMap keys must be strings.", functionId);
        var (map, top, second) = (((ScalarValue)keys[0]!).Text, ((ScalarValue)keys[1]!).Text, ((ScalarValue)keys[2]!).Text);

        var found = ((template.Mappings?[map] as MapValue)?[top] as MapValue)?[second];
        if (found is not null)
            return Resolve(found, functionId) is { } value ? value with { Location = function.Location } : null;

        // The DefaultValue option comes from the AWS::LanguageExtensions transform.
        if (args.Count == 4 && args[3] is MapValue options && options.Find("DefaultValue") is { } fallback)
            return Resolve(fallback.Value, functionId) is { } value ? value with { Location = function.Location } : null;

        diagnostics.Warning(DiagnosticCodes.MappingKeyNotFound, $"Mappings has no value for [{map}, {top}, {second}].", function.Location, functionId);
        return new UnresolvedValue("${" + $"FindInMap {map}.{top}.{second}" + "}", function.Location);
    }

    private TemplateValue? Base64(IntrinsicValue function, string? functionId)
    {
        var value = Resolve(function.Argument, functionId);
        if (FirstUnresolved(function, value) is { } pending)
            return pending;
        if (value is not ScalarValue text)
            return Invalid(function, "Fn::Base64 takes a string.", functionId);
        return new ScalarValue(Convert.ToBase64String(Encoding.UTF8.GetBytes(text.Text)), function.Location);
    }

    private TemplateValue? Cidr(IntrinsicValue function, string? functionId)
    {
        if (Arguments(function, 3, 3, "[ipBlock, count, cidrBits]", functionId) is not { } args)
            return Invalid(function, null, functionId);
        var values = args.Select(a => Resolve(a, functionId)).ToList();
        if (FirstUnresolved(function, [.. values]) is { } pending)
            return pending;
        if (values is [ScalarValue block, ScalarValue countText, ScalarValue bitsText]
            && int.TryParse(countText.Text, CultureInfo.InvariantCulture, out var count)
            && int.TryParse(bitsText.Text, CultureInfo.InvariantCulture, out var bits))
        {
            if (CidrBlock.Split(block.Text, count, bits) is { } subnets)
                return new ListValue(subnets.Select(s => (TemplateValue)new ScalarValue(s, function.Location)).ToList(), function.Location);
            if (block.Text.Contains(':'))
                return Unresolvable(function, "Fn::Cidr is only computed locally for IPv4 blocks", functionId);
        }
        return Invalid(function, "Fn::Cidr takes [ipBlock, count, cidrBits] with an IPv4 block that can hold count subnets.", functionId);
    }

    private TemplateValue? If(IntrinsicValue function, string? functionId)
    {
        if (function.Argument is not ListValue { Items: [ScalarValue condition, var whenTrue, var whenFalse] })
            return Invalid(function, "Fn::If takes [ConditionName, valueIfTrue, valueIfFalse].", functionId);
        return Conditions.EvaluateNamed(condition.Text, condition.Location, functionId) switch
        {
            true => Resolve(whenTrue, functionId),
            false => Resolve(whenFalse, functionId),
            // An undeclared condition is already an error; a declared one that is unknown needs saying here, where the value is lost.
            null when template.Conditions?.Find(condition.Text) is null => new UnresolvedValue(Placeholder(function), function.Location),
            null => Unresolvable(function, $"Condition '{condition.Text}' can't be evaluated locally", functionId),
        };
    }

    /// <summary>
    /// When an argument is unknown so is the result; it keeps the argument's placeholder, which says what is
    /// missing (<c>${Table.Arn}</c>) better than the outer function would. The warning is already reported.
    /// </summary>
    private static UnresolvedValue? FirstUnresolved(IntrinsicValue function, params TemplateValue?[] arguments) =>
        arguments.OfType<UnresolvedValue>().Select(u => new UnresolvedValue(u.Placeholder, function.Location)).FirstOrDefault();

    private IReadOnlyList<TemplateValue>? Arguments(IntrinsicValue function, int min, int max, string usage, string? functionId)
    {
        if (function.Argument is ListValue list && list.Items.Count >= min && list.Items.Count <= max)
            return list.Items;
        diagnostics.Error(DiagnosticCodes.InvalidIntrinsic, $"{function.Function} takes {usage}.", function.Location, functionId);
        return null;
    }

    /// <summary>Reports a malformed call (unless <paramref name="message"/> is null: already reported) and keeps a placeholder.</summary>
    private UnresolvedValue Invalid(IntrinsicValue function, string? message, string? functionId)
    {
        if (message is not null)
            diagnostics.Error(DiagnosticCodes.InvalidIntrinsic, message, function.Location, functionId);
        return new UnresolvedValue(Placeholder(function), function.Location);
    }

    private UnresolvedValue Unresolvable(IntrinsicValue function, string reason, string? functionId)
    {
        var placeholder = Placeholder(function);
        diagnostics.Warning(DiagnosticCodes.UnresolvableIntrinsic, $"{reason}; '{placeholder}' is used instead.", function.Location, functionId);
        return new UnresolvedValue(placeholder, function.Location);
    }

    private ScalarValue CheckDynamicReference(ScalarValue scalar, string? functionId)
    {
        if (scalar.Text.Contains("{{resolve:", StringComparison.Ordinal))
        {
            diagnostics.Warning(DiagnosticCodes.DynamicReference,
                "Dynamic references ({{resolve:...}}) are read from SSM or Secrets Manager at deploy time; the text is used as is.", scalar.Location, functionId);
        }
        return scalar;
    }

    /// <summary>A scalar's text, or an unresolved value's placeholder; null for lists and maps.</summary>
    private static string? Text(TemplateValue? value) => value switch
    {
        ScalarValue scalar => scalar.Text,
        UnresolvedValue unresolved => unresolved.Placeholder,
        null => "",
        _ => null,
    };

    /// <summary>How an unresolved call reads in a value: <c>${Resource.Attribute}</c>, <c>${Name}</c> or <c>${Function argument}</c>.</summary>
    private static string Placeholder(IntrinsicValue function) => function switch
    {
        { Function: "Ref", Argument: ScalarValue { Text.Length: > 0 } name } => "${" + name.Text + "}",
        { Function: "Fn::GetAtt", Argument: ScalarValue path } => "${" + path.Text + "}",
        { Function: "Fn::GetAtt", Argument: ListValue { Items: [ScalarValue resource, ScalarValue attribute] } } => "${" + resource.Text + "." + attribute.Text + "}",
        { Argument: ScalarValue { Text.Length: > 0 } argument } => "${" + function.ShortName + " " + argument.Text + "}",
        { Argument: ListValue { Items: [ScalarValue first, ..] } } => "${" + function.ShortName + " " + first.Text + "}",
        _ => "${" + function.ShortName + "}",
    };
}
