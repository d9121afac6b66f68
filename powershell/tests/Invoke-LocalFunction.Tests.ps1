# Invoke-LocalFunction against a real backend over a private copy of the samples (plus the test functions).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-DevToolsModulePath) -Force
    $script:Workspace = New-TestWorkspace
    $script:Template = $Workspace.TemplatePath
}

AfterAll {
    Remove-TestWorkspace $Workspace
}

Describe 'Invoke-LocalFunction' {
    It 'runs a cold start, then a warm invoke of the same environment, with the result fields' {
        $cold = Invoke-LocalFunction NodeCjsFunction -Payload @{ name = 'pester' } -TemplatePath $Template
        $cold | Should -BeOfType DevTools.PowerShell.LocalInvokeResult
        $cold.FunctionName | Should -Be 'NodeCjsFunction'
        $cold.StatusCode | Should -Be 200
        $cold.ColdStart | Should -BeTrue
        $cold.InitDurationMs | Should -BeGreaterThan 0
        $cold.DurationMs | Should -BeGreaterThan 0
        $cold.BilledDurationMs | Should -BeGreaterOrEqual 1
        $cold.MaxMemoryUsedMB | Should -BeGreaterThan 0
        $cold.MemorySizeMB | Should -Be 256
        $cold.EnvironmentId | Should -Not -BeNullOrEmpty
        $cold.RequestId | Should -Match '^[0-9a-f-]{36}$'
        $cold.ExecutedVersion | Should -Be '$LATEST'
        $cold.FunctionError | Should -BeNullOrEmpty
        $cold.Payload | Should -Match '"name":"pester"'
        $cold.Response.event.name | Should -Be 'pester'
        $cold.Response.invocations | Should -Be 1
        $cold.Response.greeting | Should -Be 'Hello from us-east-1'

        $warm = Invoke-LocalFunction NodeCjsFunction -Payload @{ name = 'again' } -TemplatePath $Template
        $warm.ColdStart | Should -BeFalse
        $warm.InitDurationMs | Should -BeNullOrEmpty
        $warm.EnvironmentId | Should -Be $cold.EnvironmentId
        $warm.Response.invocations | Should -Be 2
        $warm.Response.tmpFileBefore | Should -Match 'invocation 1'
    }

    It 'streams the lifecycle records to the Information stream, as the engine renders them' {
        Get-Container -FunctionName PythonFunction -TemplatePath $Template | Stop-Container -Confirm:$false
        $result = Invoke-LocalFunction PythonFunction -TemplatePath $Template -InformationVariable records
        $records | Should -Not -BeNullOrEmpty
        $records[0].Tags | Should -Contain 'DevTools'
        $events = $records.MessageData
        $events[0] | Should -BeOfType DevTools.PowerShell.LifecycleEvent
        $texts = $events.Text
        $texts | Should -Contain "START RequestId: $($result.RequestId) Version: `$LATEST"
        $texts | Should -Contain "END RequestId: $($result.RequestId)"
        ($texts | Where-Object { $_ -like "REPORT RequestId: $($result.RequestId)*Init Duration:*" }) | Should -HaveCount 1
        ($texts | Where-Object { $_ -like 'ENVIRONMENT * created for PythonFunction*' }) | Should -HaveCount 1
        ($texts | Where-Object { $_ -like 'INIT_START Runtime Version: python3.11*' }) | Should -HaveCount 1
        ($texts | Where-Object { $_ -like 'ENVIRONMENT * frozen' }) | Should -HaveCount 1
        # In order: START before END before REPORT, the frozen record last.
        $types = $events.Type
        [array]::IndexOf($types, 'platform.start') | Should -BeLessThan ([array]::IndexOf($types, 'platform.runtimeDone'))
        [array]::IndexOf($types, 'platform.runtimeDone') | Should -BeLessThan ([array]::IndexOf($types, 'platform.report'))
        $types[-1] | Should -Be 'environment.frozen'

        $warm = Invoke-LocalFunction PythonFunction -TemplatePath $Template -InformationVariable warmRecords
        ($warmRecords.MessageData.Text | Where-Object { $_ -like 'ENVIRONMENT * thawed after *' }) | Should -HaveCount 1
        $warmRecords.MessageData.Type | Should -Not -Contain 'environment.created'
    }

    It 'leaves the name to the engine: a full ARN or name:qualifier invokes the function, with its records; a wrong case is no function' {
        $arn = (Get-LocalFunction NodeCjsFunction -TemplatePath $Template).FunctionArn
        $result = Invoke-LocalFunction $arn -TemplatePath $Template -InformationVariable records
        $result.FunctionName | Should -Be 'NodeCjsFunction'
        $records.MessageData.Text | Should -Contain "END RequestId: $($result.RequestId)"
        (Invoke-LocalFunction 'NodeCjsFunction:$LATEST' -TemplatePath $Template).StatusCode | Should -Be 200

        # The engine's catalogue, like Lambda, matches names exactly (the module's own lookup ignored case).
        Invoke-LocalFunction nodecjsfunction -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be 'ResourceNotFoundException,DevTools.PowerShell.Commands.InvokeLocalFunctionCommand'
    }

    It 'shows the engine''s detail with -Verbose' {
        $verbose = Invoke-LocalFunction NodeCjsFunction -TemplatePath $Template -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $messages = $verbose.Message
        ($messages | Where-Object { $_ -like 'Invoking NodeCjsFunction (RequestResponse)*' }) | Should -HaveCount 1
        ($messages | Where-Object { $_ -like 'platform.report {"requestId":*"metrics":*' }) | Should -HaveCount 1
        ($messages | Where-Object { $_ -like 'NodeCjsFunction answered 200 after * ms (request *, environment *, warm).' }) | Should -HaveCount 1
    }

    It 'shows the function''s log lines and -LogType Tail returns the log tail' {
        $result = Invoke-LocalFunction Probe -Payload @{ action = 'log'; lines = 2 } -LogType Tail -TemplatePath $Template -InformationVariable records
        $records.MessageData.Text | Should -Contain "log line 1 for $($result.RequestId)"
        $result.LogTail | Should -Match "log line 0 for $($result.RequestId)"
        $result.LogTail | Should -Match 'REPORT RequestId'
        (Invoke-LocalFunction Probe -TemplatePath $Template).LogTail | Should -BeNullOrEmpty
    }

    It 'passes -ClientContext to the function as JSON' {
        $result = Invoke-LocalFunction Probe -ClientContext @{ custom = @{ from = 'pester' } } -TemplatePath $Template
        $result.Response.headers.'lambda-runtime-client-context' | Should -Be '{"custom":{"from":"pester"}}'
    }

    It 'returns a function error as data on the result, not as an error record' {
        $result = Invoke-LocalFunction Probe -Payload @{ action = 'error' } -TemplatePath $Template -ErrorVariable errors
        $errors | Should -BeNullOrEmpty
        $result.StatusCode | Should -Be 200
        $result.FunctionError | Should -Be 'Unhandled'
        $result.ErrorType | Should -Be 'Probe.Failure'
        $result.Response.errorMessage | Should -Be 'failed on purpose'
    }

    It 'throws the function error with -ErrorAction Stop, with the error type in the id and the result as target' {
        $thrown = { Invoke-LocalFunction Probe -Payload @{ action = 'error' } -TemplatePath $Template -ErrorAction Stop } |
            Should -Throw -ErrorId 'Probe.Failure,*' -PassThru
        $thrown.CategoryInfo.Category | Should -Be 'InvalidResult'
        $thrown.TargetObject.FunctionError | Should -Be 'Unhandled'
    }

    It 'queues an Event invoke (202) and checks a DryRun (204) without running it' {
        $before = (Get-Container -FunctionName ShellFunction -TemplatePath $Template | Measure-Object).Count
        $dry = Invoke-LocalFunction ShellFunction -InvocationType DryRun -TemplatePath $Template
        $dry.StatusCode | Should -Be 204
        $dry.Payload | Should -BeNullOrEmpty
        (Get-Container -FunctionName ShellFunction -TemplatePath $Template | Measure-Object).Count | Should -Be $before

        $queued = Invoke-LocalFunction Probe -InvocationType Event -Payload @{ action = 'echo' } -TemplatePath $Template
        $queued.StatusCode | Should -Be 202
        $queued.Payload | Should -BeNullOrEmpty
        $queued.InvocationType | Should -Be 'Event'
        $queued.RequestId | Should -Not -BeNullOrEmpty
    }

    It 'takes function names and payloads from the pipeline by property name' {
        $results = @(
            [pscustomobject]@{ FunctionName = 'NodeCjsFunction'; Payload = @{ n = 1 } }
            [pscustomobject]@{ FunctionName = 'NodeEsmFunction'; Payload = '{"n":2}' }
        ) | Invoke-LocalFunction -TemplatePath $Template
        $results | Should -HaveCount 2
        $results[0].FunctionName | Should -Be 'NodeCjsFunction'
        $results[0].Response.event.n | Should -Be 1
        $results[1].FunctionName | Should -Be 'NodeEsmFunction'
        $results[1].Response.event.n | Should -Be 2

        # Get-LocalFunction's objects carry their template too.
        $fromFunction = Get-LocalFunction NodeCjsFunction -TemplatePath $Template | Invoke-LocalFunction
        $fromFunction.FunctionName | Should -Be 'NodeCjsFunction'
        $fromFunction.ColdStart | Should -BeFalse
    }

    It 'completes function names from the template with Tab' {
        $line = "Invoke-LocalFunction -TemplatePath '$Template' -FunctionName Node"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Be @('NodeCjsFunction', 'NodeDepsFunction', 'NodeEsmFunction', 'NodeLayerFunction')

        # Without a backend for the template, completion reads the template's text (and starts nothing).
        $copy = Join-Path $Workspace.Root 'copy'
        New-Item -ItemType Directory -Path $copy | Out-Null
        Copy-Item $Template (Join-Path $copy 'template.yaml')
        Push-Location $copy
        try {
            $line = 'Invoke-LocalFunction P'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('Probe', 'PythonFunction')
            Get-LocalBackend | Should -BeNullOrEmpty
        }
        finally { Pop-Location }
    }
}

Describe 'Payload conversion' {
    It 'sends a JSON string as it is' {
        $result = Invoke-LocalFunction NodeCjsFunction -Payload '{"a":1,"b":[true,null,"x"]}' -TemplatePath $Template
        $result.Response.event.a | Should -Be 1
        $result.Response.event.b[0] | Should -BeTrue
        $result.Response.event.b[1] | Should -BeNullOrEmpty
        $result.Response.event.b[2] | Should -Be 'x'
    }

    It 'converts a hashtable with nested values, arrays, dates and enums to JSON' {
        $payload = [ordered]@{
            name    = 'order'
            count   = 3
            price   = 9.5
            tags    = @('a', 'b')
            nested  = @{ deep = @{ deeper = $true } }
            nothing = $null
            when    = [datetime]::new(2026, 11, 28, 1, 2, 3, [DateTimeKind]::Utc)
            day     = [DayOfWeek]::Friday
        }
        $event = (Invoke-LocalFunction NodeCjsFunction -Payload $payload -TemplatePath $Template).Response.event
        $event.name | Should -Be 'order'
        $event.count | Should -Be 3
        $event.price | Should -Be 9.5
        $event.tags | Should -Be @('a', 'b')
        $event.nested.deep.deeper | Should -BeTrue
        $event.PSObject.Properties.Name | Should -Contain 'nothing'
        $event.when | Should -Be '2026-11-28T01:02:03.0000000Z'
        $event.day | Should -Be 'Friday'
        # Key order is kept.
        ($event.PSObject.Properties.Name -join ',') | Should -Be 'name,count,price,tags,nested,nothing,when,day'
    }

    It 'converts a [pscustomobject], an array and any other object to JSON' {
        $custom = (Invoke-LocalFunction NodeCjsFunction -Payload ([pscustomobject]@{ id = 7; items = @(@{ sku = 'x' }) }) -TemplatePath $Template).Response.event
        $custom.id | Should -Be 7
        $custom.items[0].sku | Should -Be 'x'

        $array = (Invoke-LocalFunction NodeCjsFunction -Payload @(1, 2, 3) -TemplatePath $Template).Payload
        $array | Should -Match '"event":\[1,2,3\]'

        $endpoint = [System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 8080)
        $object = (Invoke-LocalFunction NodeCjsFunction -Payload $endpoint -TemplatePath $Template).Response.event
        $object.Port | Should -Be 8080
        $object.Address | Should -Be '127.0.0.1'
        $object.AddressFamily | Should -Be 'InterNetwork'
    }

    It 'reads the payload from -PayloadPath' {
        $path = Join-Path $Workspace.EventsPath 'node-cjs.json'
        $event = (Invoke-LocalFunction NodeCjsFunction -PayloadPath $path -TemplatePath $Template).Response.event
        $event.sample | Should -Be 'node-cjs'
    }
}

Describe 'Error records' {
    # How each failure is reported is ErrorRecords.Tests.ps1's; here, that the engine's error reaches the user whole.
    It 'reports an unknown function as the engine''s ResourceNotFoundException, ObjectNotFound, targeting the name' {
        $result = Invoke-LocalFunction Nope -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ResourceNotFoundException,DevTools.PowerShell.Commands.InvokeLocalFunctionCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 'Nope'
        $errors[0].Exception | Should -BeOfType DevTools.Client.LambdaServiceErrorException
        $errors[0].Exception.StatusCode | Should -Be 404
        $errors[0].ErrorDetails.RecommendedAction | Should -Match 'Get-LocalFunction'
        { Invoke-LocalFunction Nope -TemplatePath $Template -ErrorAction Stop } | Should -Throw -ErrorId 'ResourceNotFoundException,*'
    }

    It 'reports a payload that cannot become JSON, and a missing payload file' {
        $loop = @{}
        $loop.self = $loop
        Invoke-LocalFunction NodeCjsFunction -Payload $loop -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PayloadConversionFailed,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'

        Invoke-LocalFunction NodeCjsFunction -PayloadPath (Join-Path $Workspace.Root 'missing.json') -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable missing
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'PayloadFileNotFound,*'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'stops at a template that does not exist' {
        { Invoke-LocalFunction NodeCjsFunction -TemplatePath (Join-Path $Workspace.Root 'nowhere.yaml') } |
            Should -Throw -ErrorId 'TemplateNotFound,DevTools.PowerShell.Commands.InvokeLocalFunctionCommand'
    }

    It 'writes one error per failing pipeline input and goes on with the next' {
        $results = 'Nope', 'NodeCjsFunction' | Invoke-LocalFunction -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable errors
        $results | Should -HaveCount 1
        $results.FunctionName | Should -Be 'NodeCjsFunction'
        $errors | Should -HaveCount 1
    }
}

Describe 'A long invoke' {
    BeforeAll {
        $script:ModulePath = Get-DevToolsModulePath
        function New-Pipeline([string] $Script) {
            # A pipeline of its own (in this process, so it shares this session's backend connection), to watch its streams and stop it.
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Import-Module '$ModulePath'; $Script")
            $ps
        }
    }

    It 'shows Write-Progress while it waits' {
        $ps = New-Pipeline "Invoke-LocalFunction Probe -Payload @{ action = 'sleep'; seconds = 1.6 } -TemplatePath '$Template'"
        try {
            $result = $ps.Invoke()
            @($ps.Streams.Error) | Should -BeNullOrEmpty
            $result[0].StatusCode | Should -Be 200
            $progress = @($ps.Streams.Progress)
            $progress.Count | Should -BeGreaterThan 0
            $progress[0].Activity | Should -Be 'Invoking Probe'
            $progress[-1].RecordType | Should -Be 'Completed'
            $progress.StatusDescription | Should -Contain ('START RequestId: ' + $result[0].RequestId + ' Version: $LATEST')
        }
        finally { $ps.Dispose() }
    }

    It 'stops cleanly on Ctrl+C, and the function stays usable' {
        $ps = New-Pipeline "Invoke-LocalFunction Probe -Payload @{ action = 'sleep'; seconds = 3 } -TemplatePath '$Template'"
        try {
            $null = Wait-LifecycleEvent -TemplatePath $Template -FunctionName Probe -Type platform.start -Action { $ps.BeginInvoke() }
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 1.5
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $ps.Dispose() }
        # The backend let the invoke finish in its environment, as Lambda does; then the function answers again.
        $next = Invoke-LocalFunction Probe -Payload @{ action = 'echo' } -TemplatePath $Template
        $next.StatusCode | Should -Be 200
    }
}
