<#
.SYNOPSIS
Measures a warm Invoke-LocalFunction in an already-loaded pwsh: wall time, the function's own Duration, and the
difference (what the module, the backend and the connection add). Prints p50/p99.

.DESCRIPTION
Imports the module, warms a function up (its cold start and the session's connection are not measured), then times
-Count sequential warm invokes with a Stopwatch around the cmdlet call, as a user's script would see them. For
comparison it also times the same invokes through the shared .NET client library directly (DevToolsClient.InvokeAsync,
no cmdlet), so the cmdlet's own share is visible.

Without -TemplatePath it works on a temporary copy of samples/ and stops that backend at the end.

.EXAMPLE
dotnet pwsh -NoProfile -File powershell/bench/Measure-Invoke.ps1
.EXAMPLE
dotnet pwsh -NoProfile -File powershell/bench/Measure-Invoke.ps1 -FunctionName PythonFunction -Count 500 -Json
#>
[CmdletBinding()]
param(
    [string] $FunctionName = 'NodeCjsFunction',
    [string] $TemplatePath,
    [ValidateRange(10, 100000)] [int] $Count = 200,
    [ValidateRange(0, 10000)] [int] $Warmup = 20,
    [string] $Payload = '{"bench":true}',
    [string] $ModulePath = (Join-Path $PSScriptRoot '../src/DevTools.PowerShell/bin/Release/net10.0/DevTools.psd1'),
    # One JSON object on stdout instead of the text summary (for the benchmark suite).
    [switch] $Json
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

if (-not (Test-Path $ModulePath)) {
    $debugBuild = Join-Path $PSScriptRoot '../src/DevTools.PowerShell/bin/Debug/net10.0/DevTools.psd1'
    if (Test-Path $debugBuild) { $ModulePath = $debugBuild }
    else { throw "No built module at ${ModulePath}: dotnet build -c Release powershell/src/DevTools.PowerShell" }
}
Import-Module (Resolve-Path $ModulePath).Path -Force

$temporary = $null
if (-not $TemplatePath) {
    $temporary = Join-Path ([System.IO.Path]::GetTempPath()) ('devtools-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path $temporary | Out-Null
    Copy-Item -Path (Join-Path $PSScriptRoot '../../samples/*') -Destination $temporary -Recurse
    $TemplatePath = Join-Path $temporary 'template.yaml'
}
$TemplatePath = (Resolve-Path $TemplatePath).Path

function Get-Percentile([double[]] $Values, [double] $Percent) {
    $sorted = [double[]]($Values | Sort-Object)
    $rank = [math]::Ceiling($Percent / 100 * $sorted.Count) - 1
    $sorted[[math]::Max(0, [math]::Min($sorted.Count - 1, $rank))]
}

try {
    # Cold start and connection first; neither is measured.
    $first = Invoke-LocalFunction $FunctionName -Payload $Payload -TemplatePath $TemplatePath
    if ($first.StatusCode -ne 200 -or $first.FunctionError) { throw "$FunctionName failed: $($first.Payload)" }
    for ($i = 0; $i -lt $Warmup; $i++) { $null = Invoke-LocalFunction $FunctionName -Payload $Payload -TemplatePath $TemplatePath }

    $wall = [System.Collections.Generic.List[double]]::new()
    $function = [System.Collections.Generic.List[double]]::new()
    $overhead = [System.Collections.Generic.List[double]]::new()
    $clock = [System.Diagnostics.Stopwatch]::new()
    for ($i = 0; $i -lt $Count; $i++) {
        $clock.Restart()
        $result = Invoke-LocalFunction $FunctionName -Payload $Payload -TemplatePath $TemplatePath
        $clock.Stop()
        if ($result.ColdStart) { throw 'An invoke was cold: the environment was not reused.' }
        $ms = $clock.Elapsed.TotalMilliseconds
        $wall.Add($ms)
        $function.Add($result.DurationMs)
        $overhead.Add($ms - $result.DurationMs)
    }

    # The same invokes through the client library alone (a connection of its own, no cmdlet).
    $options = [DevTools.Client.ClientOptions]::new()
    $options.TemplatePath = $TemplatePath
    $client = [DevTools.Client.DevToolsClient]::ConnectOrStartAsync($options, [System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
    $library = [System.Collections.Generic.List[double]]::new()
    $libraryOverhead = [System.Collections.Generic.List[double]]::new()
    try {
        $parameters = [DevTools.Protocol.InvokeParams]::new()
        $parameters.FunctionName = $FunctionName
        $parameters.Payload = $Payload
        for ($i = 0; $i -lt $Warmup; $i++) { $null = $client.InvokeAsync($parameters, [System.Threading.CancellationToken]::None).GetAwaiter().GetResult() }
        for ($i = 0; $i -lt $Count; $i++) {
            $clock.Restart()
            $response = $client.InvokeAsync($parameters, [System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
            $clock.Stop()
            $library.Add($clock.Elapsed.TotalMilliseconds)
            $libraryOverhead.Add($clock.Elapsed.TotalMilliseconds - $response.Metrics.DurationMs)
        }
    }
    finally { $client.Dispose() }

    $summary = [ordered]@{
        function          = $FunctionName
        count             = $Count
        cmdletWallMs      = [ordered]@{ p50 = Get-Percentile $wall 50; p99 = Get-Percentile $wall 99 }
        functionDurationMs = [ordered]@{ p50 = Get-Percentile $function 50; p99 = Get-Percentile $function 99 }
        cmdletOverheadMs  = [ordered]@{ p50 = Get-Percentile $overhead 50; p99 = Get-Percentile $overhead 99 }
        libraryWallMs     = [ordered]@{ p50 = Get-Percentile $library 50; p99 = Get-Percentile $library 99 }
        libraryOverheadMs = [ordered]@{ p50 = Get-Percentile $libraryOverhead 50; p99 = Get-Percentile $libraryOverhead 99 }
    }
    if ($Json) {
        $summary | ConvertTo-Json -Compress
    }
    else {
        $line = { param($name, $stats) '{0,-46} p50 {1,7:0.000} ms   p99 {2,7:0.000} ms' -f $name, $stats.p50, $stats.p99 }
        "Warm $FunctionName, $Count sequential invokes, already-loaded pwsh $($PSVersionTable.PSVersion):"
        & $line 'Invoke-LocalFunction (wall)' $summary.cmdletWallMs
        & $line 'the function itself (REPORT Duration)' $summary.functionDurationMs
        & $line 'beyond the function (wall - Duration)' $summary.cmdletOverheadMs
        & $line 'client library alone (wall)' $summary.libraryWallMs
        & $line 'client library beyond the function' $summary.libraryOverheadMs
    }
}
finally {
    if ($temporary) {
        Stop-LocalBackend -TemplatePath $TemplatePath -Confirm:$false
        Remove-Item -Path $temporary -Recurse -Force -ErrorAction SilentlyContinue
    }
}
