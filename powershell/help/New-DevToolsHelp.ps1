<#
.SYNOPSIS
Writes the module's MAML help (en-US/DevTools.PowerShell.dll-Help.xml) from DevTools.Help.psd1 and the cmdlets' own metadata.

.DESCRIPTION
Binary cmdlets take their Get-Help text from a MAML file next to the assembly. The text lives in DevTools.Help.psd1;
parameter types, positions, pipeline input and parameter sets come from the built cmdlets (Get-Command), so they
cannot drift. Run after changing either: dotnet pwsh powershell/help/New-DevToolsHelp.ps1
Module.Tests.ps1 regenerates it and fails when the committed file differs.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../src/DevTools.PowerShell/bin/Debug/net10.0/DevTools.psd1'),
    [string] $OutputPath = (Join-Path $PSScriptRoot '../en-US/DevTools.PowerShell.dll-Help.xml')
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$text = Import-PowerShellDataFile (Join-Path $PSScriptRoot 'DevTools.Help.psd1')
$module = Import-Module $ModulePath -Force -PassThru
$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; IndentChars = '  '; Encoding = [System.Text.UTF8Encoding]::new($false); NewLineChars = "`n" }
$buffer = [System.IO.MemoryStream]::new()
$w = [System.Xml.XmlWriter]::Create($buffer, $settings)

function Para([string[]] $Lines) { foreach ($line in $Lines) { $w.WriteElementString('maml', 'para', $ns.maml, $line) } }
function Description([string[]] $Lines) { $w.WriteStartElement('maml', 'description', $ns.maml); Para $Lines; $w.WriteEndElement() }

function TypeList([string] $ListElement, [string] $ItemElement, [hashtable] $Types) {
    # <command:inputTypes> / <command:returnValues>: one type and its description each.
    $w.WriteStartElement('command', $ListElement, $ns.command)
    foreach ($entry in $Types.GetEnumerator() | Sort-Object Key) {
        $w.WriteStartElement('command', $ItemElement, $ns.command)
        $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('maml', 'name', $ns.maml, $entry.Key); $w.WriteEndElement()
        Description $entry.Value
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
}

function PipelineInput($attributes) {
    $kinds = @()
    if ($attributes | Where-Object ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($attributes | Where-Object ValueFromPipeline) { $kinds += 'ByValue' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function TypeName([type] $Type) {
    if ($Type -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    if ($Type.IsArray) { return (TypeName $Type.GetElementType()) + '[]' }
    $Type.Name
}

function Parameter($cmdletName, $parameter, $attribute, [switch] $InSyntax) {
    $attributes = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    $mine = if ($attribute) { @($attribute) } else { $attributes }
    $required = [bool]($mine | Where-Object Mandatory)
    $positioned = @($mine | Where-Object { $_.Position -ge 0 })
    $position = if ($positioned) { $positioned[0].Position } else { $null }
    $description = $text[$cmdletName].Parameters[$parameter.Name]
    if (-not $description) { $description = $text.CommonParameters[$parameter.Name] }
    if (-not $description) { throw "No help text for $cmdletName -$($parameter.Name): add it to DevTools.Help.psd1." }
    $validValues = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object ValidValues)
    $isSwitch = $parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]

    $w.WriteStartElement('command', 'parameter', $ns.command)
    $w.WriteAttributeString('required', $required.ToString().ToLowerInvariant())
    $w.WriteAttributeString('variableLength', $parameter.ParameterType.IsArray.ToString().ToLowerInvariant())
    $globbing = "$cmdletName -$($parameter.Name)" -in 'Build-LocalFunction -FunctionName', 'Get-Container -Id', 'Get-LocalFunction -FunctionName', 'Receive-LifecycleEvent -Type', 'Get-LocalApiRoute -FunctionName'
    $w.WriteAttributeString('globbing', $globbing.ToString().ToLowerInvariant())
    $w.WriteAttributeString('pipelineInput', (PipelineInput $mine))
    $w.WriteAttributeString('position', $(if ($null -ne $position) { "$position" } else { 'named' }))
    $w.WriteAttributeString('aliases', $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('maml', 'name', $ns.maml, $parameter.Name)
    Description $description
    if ($InSyntax -and $validValues) {
        $w.WriteStartElement('command', 'parameterValueGroup', $ns.command)
        foreach ($value in $validValues) {
            $w.WriteStartElement('command', 'parameterValue', $ns.command)
            $w.WriteAttributeString('required', 'false'); $w.WriteAttributeString('variableLength', 'false')
            $w.WriteString($value); $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    elseif (-not $isSwitch) {
        $w.WriteStartElement('command', 'parameterValue', $ns.command)
        $w.WriteAttributeString('required', 'true'); $w.WriteAttributeString('variableLength', $parameter.ParameterType.IsArray.ToString().ToLowerInvariant())
        $w.WriteString((TypeName $parameter.ParameterType)); $w.WriteEndElement()
    }
    $w.WriteStartElement('dev', 'type', $ns.dev)
    $w.WriteElementString('maml', 'name', $ns.maml, (TypeName $parameter.ParameterType))
    $w.WriteElementString('maml', 'uri', $ns.maml, '')
    $w.WriteEndElement()
    $w.WriteElementString('dev', 'defaultValue', $ns.dev, $(if ($isSwitch) { 'False' } elseif ($parameter.Name -eq 'TemplatePath') { 'The current location' } elseif ($parameter.Name -eq 'InvocationType') { 'RequestResponse' } elseif ($parameter.Name -eq 'LogType') { 'None' } else { 'None' }))
    $w.WriteEndElement()
}

$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')
foreach ($name in $module.ExportedCmdlets.Keys | Sort-Object) {
    $help = $text[$name]
    if (-not $help) { throw "No help text for $name in DevTools.Help.psd1." }
    $command = Get-Command $name
    # get_Values(): `.Values` would be the parameter named Values (New-LocalEvent has one), as PowerShell reads a key first.
    $own = @($command.Parameters.get_Values() | Where-Object { $_.Name -notin $common })

    $w.WriteStartElement('command', 'command', $ns.command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $ns.maml)
    $w.WriteAttributeString('xmlns', 'command', $null, $ns.command)
    $w.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)

    $w.WriteStartElement('command', 'details', $ns.command)
    $w.WriteElementString('command', 'name', $ns.command, $name)
    $w.WriteElementString('command', 'verb', $ns.command, $command.Verb)
    $w.WriteElementString('command', 'noun', $ns.command, $command.Noun)
    Description $help.Synopsis
    $w.WriteEndElement()
    Description $help.Description

    $w.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $command.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $ns.command)
        $w.WriteElementString('maml', 'name', $ns.maml, $name)
        $setParameters = @($set.Parameters | Where-Object { $_.Name -notin $common } | Sort-Object { if ($_.Position -ge 0) { $_.Position } else { 1000 } })
        foreach ($p in $setParameters) {
            $attribute = $command.Parameters[$p.Name].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ParameterSetName -eq $set.Name -or $_.ParameterSetName -eq '__AllParameterSets') } | Select-Object -First 1
            Parameter $name $command.Parameters[$p.Name] $attribute -InSyntax
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($p in $own | Sort-Object Name) { Parameter $name $p $null }
    $w.WriteEndElement()

    TypeList 'inputTypes' 'inputType' $help.Inputs
    TypeList 'returnValues' 'returnValue' $help.Outputs

    if ($help.ContainsKey('Notes')) {
        $w.WriteStartElement('maml', 'alertSet', $ns.maml)
        $w.WriteStartElement('maml', 'alert', $ns.maml); Para $help.Notes; $w.WriteEndElement()
        $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'examples', $ns.command)
    $number = 0
    foreach ($example in $help.Examples) {
        $number++
        $w.WriteStartElement('command', 'example', $ns.command)
        $w.WriteElementString('maml', 'title', $ns.maml, "-------------------------- Example $number --------------------------")
        $w.WriteElementString('dev', 'code', $ns.dev, "PS> $($example.Code)")
        $w.WriteStartElement('dev', 'remarks', $ns.dev); Para $example.Remarks; $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($link in $help.Links) {
        $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $w.WriteElementString('maml', 'linkText', $ns.maml, $link)
        $w.WriteElementString('maml', 'uri', $ns.maml, '')
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Flush()
$xml = [System.Text.Encoding]::UTF8.GetString($buffer.ToArray()) + "`n"
[System.IO.File]::WriteAllText([System.IO.Path]::GetFullPath($OutputPath), $xml, [System.Text.UTF8Encoding]::new($false))
Write-Verbose "Wrote $OutputPath"
