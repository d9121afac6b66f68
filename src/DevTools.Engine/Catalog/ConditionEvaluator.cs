namespace DevTools.Engine.Catalog;

/// <summary>
/// Evaluates <c>Conditions</c> and condition functions with three-valued logic: a condition that
/// depends on something only AWS knows is null (unknown) rather than guessed.
/// </summary>
internal sealed class ConditionEvaluator(TemplateContext template, IntrinsicResolver resolver, DiagnosticList diagnostics)
{
    private const int MaxOperands = 10;

    private readonly Dictionary<string, bool?> evaluated = new(StringComparer.Ordinal);
    private readonly HashSet<string> evaluating = new(StringComparer.Ordinal);

    /// <summary>The named condition's value; evaluated once, so its own findings are reported once.</summary>
    public bool? EvaluateNamed(string name, SourceLocation at, string? functionId)
    {
        if (evaluated.TryGetValue(name, out var known))
            return known;
        var definition = template.Conditions?.Find(name);
        if (definition is null)
        {
            diagnostics.Error(DiagnosticCodes.UnknownCondition, $"Condition '{name}' is not declared in the template's Conditions.", at, functionId);
            return null;
        }
        if (evaluating.Count >= YamlTemplateReader.MaxDepth)
        {
            // A long chain of distinct conditions would otherwise recurse without bound.
            diagnostics.Error(DiagnosticCodes.InvalidIntrinsic, $"Conditions refer to each other more than {YamlTemplateReader.MaxDepth} levels deep.", at, functionId);
            return null;
        }
        if (!evaluating.Add(name))
        {
            diagnostics.Error(DiagnosticCodes.CircularCondition, $"Condition '{name}' depends on itself.", definition.KeyLocation);
            return null;
        }
        // Conditions belong to the template, not to the function that happened to use one first.
        var result = Evaluate(definition.Value, functionId: null);
        evaluating.Remove(name);
        evaluated[name] = result;
        return result;
    }

    public bool? Evaluate(TemplateValue expression, string? functionId)
    {
        switch (expression)
        {
            case IntrinsicValue { Function: "Fn::Equals" } equals:
                if (equals.Argument is not ListValue { Items.Count: 2 } pair)
                    return Invalid(equals, "Fn::Equals takes a list of two values: [value1, value2].", functionId);
                var left = Comparable(resolver.Resolve(pair.Items[0], functionId));
                var right = Comparable(resolver.Resolve(pair.Items[1], functionId));
                return left is null || right is null ? null : left == right;

            case IntrinsicValue { Function: "Fn::And" or "Fn::Or" } logic:
                if (logic.Argument is not ListValue { Items.Count: >= 2 and <= MaxOperands } operands)
                    return Invalid(logic, $"{logic.Function} takes a list of 2 to {MaxOperands} conditions.", functionId);
                // Every operand is evaluated (no short-circuit) so each one's findings are reported.
                var results = operands.Items.Select(o => Evaluate(o, functionId)).ToList();
                var decisive = logic.Function == "Fn::Or";
                if (results.Contains(decisive))
                    return decisive;
                return results.Contains(null) ? null : !decisive;

            case IntrinsicValue { Function: "Fn::Not" } not:
                if (not.Argument is not ListValue { Items.Count: 1 } single)
                    return Invalid(not, "Fn::Not takes a list of one condition: [condition].", functionId);
                return !Evaluate(single.Items[0], functionId);

            case IntrinsicValue { Function: "Condition" } reference:
                if (reference.Argument is not ScalarValue name)
                    return Invalid(reference, "Condition takes a condition name.", functionId);
                return EvaluateNamed(name.Text, reference.Location, functionId);

            // Inside Fn::And/Or/Not the long form of a condition reference is a one-key map.
            case MapValue { Entries: [{ Key: "Condition", Value: ScalarValue conditionName }] } map:
                return EvaluateNamed(conditionName.Text, map.Location, functionId);

            default:
                diagnostics.Error(DiagnosticCodes.InvalidIntrinsic,
                    "A condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or a Condition reference.", expression.Location, functionId);
                return null;
        }
    }

    private bool? Invalid(IntrinsicValue function, string message, string? functionId)
    {
        diagnostics.Error(DiagnosticCodes.InvalidIntrinsic, message, function.Location, functionId);
        return null;
    }

    /// <summary>Text to compare, or null when the value is not known locally (its warning is already reported).</summary>
    private static string? Comparable(TemplateValue? value) => value switch
    {
        null => "",
        ScalarValue scalar => scalar.Text,
        ListValue list when list.Items.All(i => i is ScalarValue) => string.Join(",", list.Items.Cast<ScalarValue>().Select(s => s.Text)),
        _ => null,
    };
}
