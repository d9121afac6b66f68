# Shared by the Pester suites: where the built module is, and a private workspace (its own backend) per test file.
Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-DevToolsModulePath {
    <# The built module's manifest: $env:DEVTOOLS_MODULE_PATH, else the Debug build output. #>
    if ($env:DEVTOOLS_MODULE_PATH) { return $env:DEVTOOLS_MODULE_PATH }
    Join-Path $script:RepoRoot 'powershell/src/DevTools.PowerShell/bin/Debug/net10.0/DevTools.psd1'
}

function Get-RepoRoot { $script:RepoRoot }

function New-TestWorkspace {
    <#
    A fresh folder holding a copy of the samples (template, functions, events) plus the test functions, so each test
    file gets its own backend (the socket is derived from the folder) and leaks nothing into the next one.
    #>
    $root = Join-Path ([System.IO.Path]::GetTempPath()) ("devtools-pester-" + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path $root | Out-Null
    Copy-Item -Path (Join-Path $script:RepoRoot 'samples/*') -Destination $root -Recurse
    $probe = Join-Path $script:RepoRoot 'tests/Functions/probe'
    $template = Join-Path $root 'template.yaml'
    # The samples' template ends with its Resources: the test functions join them.
    Add-Content -Path $template -Value @"

  Probe:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: provided.al2023
      CodeUri: $probe
      Handler: probe
      Timeout: 5
  Limited:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: provided.al2023
      CodeUri: $probe
      Handler: probe
      ReservedConcurrentExecutions: 0
"@
    [pscustomobject]@{
        Root         = $root
        TemplatePath = $template
        EventsPath   = Join-Path $root 'events'
    }
}

function Remove-TestWorkspace {
    <# Stops the workspace's backend (and makes sure its process is gone), then deletes the folder. #>
    param([Parameter(Mandatory)] $Workspace)
    $backend = Get-LocalBackend -TemplatePath $Workspace.TemplatePath -ErrorAction SilentlyContinue
    Stop-LocalBackend -TemplatePath $Workspace.TemplatePath -Confirm:$false -ErrorAction SilentlyContinue
    if ($backend) {
        $process = Get-Process -Id $backend.ProcessId -ErrorAction SilentlyContinue
        if ($process -and -not $process.WaitForExit(10000)) { $process.Kill($true) }
    }
    Remove-Item -Path $Workspace.Root -Recurse -Force -ErrorAction SilentlyContinue
}

function Wait-LifecycleEvent {
    <#
    Runs -Action, then waits for the backend's event that says it took effect (the environment frozen, the invoke
    started) instead of polling for the effect, and returns -Action's output. The subscription is in place before
    -Action runs, so the event cannot come first.
    #>
    param(
        [Parameter(Mandatory)] [string] $TemplatePath,
        [Parameter(Mandatory)] [string] $FunctionName,
        [Parameter(Mandatory)] [string] $Type,
        [Parameter(Mandatory)] [scriptblock] $Action,
        [int] $TimeoutSeconds = 20
    )
    $client = New-SecondClient -TemplatePath $TemplatePath
    $deadline = [System.Threading.CancellationTokenSource]::new([timespan]::FromSeconds($TimeoutSeconds))
    try {
        $events = $client.ReadEventsAsync($deadline.Token).GetAsyncEnumerator($deadline.Token)
        $null = $client.SubscribeAsync($FunctionName, $deadline.Token).GetAwaiter().GetResult()
        $output = & $Action
        do {
            try { $more = $events.MoveNextAsync().AsTask().GetAwaiter().GetResult() }
            catch [OperationCanceledException] { throw "No $Type event of $FunctionName within $TimeoutSeconds s." }
            if (-not $more) { throw "The backend closed the connection before a $Type event of $FunctionName." }
        } until ($events.Current.Type -eq $Type)
        $output
    }
    finally {
        $client.Dispose()
        $deadline.Dispose()
    }
}

function New-SecondClient {
    <# Another client of the same backend, through the shared .NET client library (as the CLI or VS Code connect). #>
    param([Parameter(Mandatory)] [string] $TemplatePath)
    $options = [DevTools.Client.ClientOptions]::new()
    $options.TemplatePath = $TemplatePath
    [DevTools.Client.DevToolsClient]::ConnectOrStartAsync($options, [System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
}

Export-ModuleMember -Function Get-DevToolsModulePath, Get-RepoRoot, New-TestWorkspace, Remove-TestWorkspace, Wait-LifecycleEvent, New-SecondClient
