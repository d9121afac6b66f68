<#
.SYNOPSIS
Runs (or only discovers) the module's Pester suites, powershell/tests/*.Tests.ps1. Both hosts call it: the xUnit
host inside `dotnet test` (tests/DevTools.PowerShell.Tests) and real pwsh from .ci/test.sh.

.OUTPUTS
Pester's run object (-PassThru), unless -SummaryPath is given: then "passed failed" goes to that file as well.
#>
[CmdletBinding()]
param(
    # Pester.psd1 (the test project lays Pester out under its output: Pester/Pester.psd1).
    [Parameter(Mandatory)] [string] $PesterPath,
    # The built module's manifest (DevTools.psd1); default: the Debug build output.
    [string] $ModulePath,
    # Discover the tests without running them (their names, for xUnit's theory data).
    [switch] $DiscoveryOnly,
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')] [string] $Verbosity = 'Normal',
    # Where to write "passed failed" for a shell to add up.
    [string] $SummaryPath,
    # An NUnit XML report.
    [string] $TestResultPath
)
$ErrorActionPreference = 'Stop'
if ($ModulePath) { $env:DEVTOOLS_MODULE_PATH = (Resolve-Path $ModulePath).Path }
if ([Console]::IsOutputRedirected -and $PSStyle) { $PSStyle.OutputRendering = 'PlainText' }
Import-Module (Resolve-Path $PesterPath).Path -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = @(Get-ChildItem -Path $PSScriptRoot -Filter '*.Tests.ps1' | Sort-Object Name | ForEach-Object FullName)
$configuration.Run.PassThru = $true
$configuration.Run.SkipRun = [bool] $DiscoveryOnly
$configuration.Output.Verbosity = $Verbosity
if ($TestResultPath) {
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputPath = $TestResultPath
    $configuration.TestResult.OutputFormat = 'NUnitXml'
}
$result = Invoke-Pester -Configuration $configuration
if ($SummaryPath) {
    # A container (file) that failed outside its tests (a syntax error, a failing BeforeAll with no test) counts as one failure.
    $failed = $result.FailedCount + @($result.Containers | Where-Object { $_.Result -eq 'Failed' -and $_.FailedCount -eq 0 }).Count
    Set-Content -Path $SummaryPath -Value "$($result.PassedCount) $failed"
}
else {
    $result
}
