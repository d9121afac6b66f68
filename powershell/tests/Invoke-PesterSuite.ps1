<#
.SYNOPSIS
Runs (or only discovers) the module's Pester suites, powershell/tests/*.Tests.ps1, and writes each test's name and
result as JSON. The xUnit host (tests/DevTools.PowerShell.Tests) starts it in the repository's pwsh and makes each
Pester test one xUnit case.

.OUTPUTS
None; -ResultPath gets { Tests: [{ Name, Result, Message }], ContainerFailures: [text] }. Pester's own report goes to
the host (-Verbosity).
#>
[CmdletBinding()]
param(
    # Pester.psd1 (the test project lays Pester out under its output: Pester/Pester.psd1).
    [Parameter(Mandatory)] [string] $PesterPath,
    # Where to write the tests' names and results (JSON).
    [Parameter(Mandatory)] [string] $ResultPath,
    # The built module's manifest (DevTools.psd1); default: the Debug build output.
    [string] $ModulePath,
    # Discover the tests without running them (their names, for xUnit's theory data).
    [switch] $DiscoveryOnly,
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')] [string] $Verbosity = 'Normal'
)
$ErrorActionPreference = 'Stop'
if ($ModulePath) { $env:DEVTOOLS_MODULE_PATH = (Resolve-Path $ModulePath).Path }
if ([Console]::IsOutputRedirected -and $PSStyle) { $PSStyle.OutputRendering = 'PlainText' }
Import-Module (Resolve-Path $PesterPath).Path -Force

function Get-TestName($Test) {
    <#
    "File.Tests: Block.Test", Pester's ExpandedPath after the file. Discovery leaves a data-driven name's <_> and <key>
    unexpanded; they are expanded from the test's data here, as the run does, so both name a test alike.
    #>
    $data = $Test.Data
    $path = [regex]::Replace($Test.ExpandedPath, '<([^<>]+)>', {
            param($match)
            $key = $match.Groups[1].Value
            if ($null -eq $data) { $match.Value }
            elseif ($key -eq '_') { "$data" }
            elseif ($data -is [System.Collections.IDictionary]) { if ($data.Contains($key)) { "$($data[$key])" } else { $match.Value } }
            elseif ($data.PSObject.Properties[$key]) { "$($data.$key)" }
            else { $match.Value }
        })
    "$([System.IO.Path]::GetFileNameWithoutExtension($Test.ScriptBlock.File)): $path"
}

function Get-ErrorText($ErrorRecords) {
    ($ErrorRecords | ForEach-Object { "$($_.Exception.Message)`n$($_.ScriptStackTrace)" }) -join "`n`n"
}

$configuration = New-PesterConfiguration
$configuration.Run.Path = @(Get-ChildItem -Path $PSScriptRoot -Filter '*.Tests.ps1' | Sort-Object Name | ForEach-Object FullName)
$configuration.Run.PassThru = $true
$configuration.Run.SkipRun = [bool] $DiscoveryOnly
$configuration.Output.Verbosity = $Verbosity
$run = Invoke-Pester -Configuration $configuration

[pscustomobject]@{
    Tests             = @($run.Tests | ForEach-Object {
            [pscustomobject]@{ Name = Get-TestName $_; Result = "$($_.Result)"; Message = Get-ErrorText $_.ErrorRecord }
        })
    # A container whose own ErrorRecord is set failed outside its tests (a syntax error, a failing top-level BeforeAll).
    ContainerFailures = @($run.Containers | Where-Object { $_.ErrorRecord.Count -gt 0 } | ForEach-Object {
            "$($_.Item): $(Get-ErrorText $_.ErrorRecord)"
        })
} | ConvertTo-Json -Depth 3 | Set-Content -Path $ResultPath -Encoding utf8NoBOM
