# Get-Container, Stop-Container and Receive-LifecycleEvent, and sharing the backend with another client.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-DevToolsModulePath) -Force
    $script:Workspace = New-TestWorkspace
    $script:Template = $Workspace.TemplatePath
}

AfterAll {
    Remove-TestWorkspace $Workspace
}

Describe 'Get-Container' {
    BeforeAll {
        # Environments freeze about a millisecond after the invoke answers.
        $script:Invoked = Wait-LifecycleEvent -TemplatePath $Template -FunctionName NodeCjsFunction -Type environment.frozen -Action {
            Invoke-LocalFunction NodeCjsFunction -TemplatePath $Template
        }
    }

    It 'shows the environment frozen after an invoke, with its figures' {
        $container = Get-Container -FunctionName NodeCjsFunction -TemplatePath $Template
        $container | Should -HaveCount 1
        $container | Should -BeOfType DevTools.PowerShell.LocalContainer
        $container.Id | Should -Be $Invoked.EnvironmentId
        $container.FunctionName | Should -Be 'NodeCjsFunction'
        $container.State | Should -Be 'frozen'
        $container.Invocations | Should -Be 1
        $container.IdleFor | Should -BeOfType [timespan]
        $container.MaxMemoryUsedMB | Should -BeGreaterThan 0
        $container.TmpUsedBytes | Should -BeGreaterThan 0
        $container.Pid | Should -BeGreaterThan 0
        $container.Isolation | Should -Be (Get-LocalBackend -TemplatePath $Template).IsolationLevel
        $container.TemplatePath | Should -Be $Template
    }

    It 'says what its /tmp is (TmpMode), as the backend reports it' {
        $container = Get-Container -Id $Invoked.EnvironmentId -TemplatePath $Template
        $container.TmpMode | Should -BeIn @('private-disk', 'private-mount', 'directory')
        $client = New-SecondClient -TemplatePath $Template
        try {
            $listed = $client.ListEnvironmentsAsync('NodeCjsFunction', [System.Threading.CancellationToken]::None).GetAwaiter().GetResult() |
                Where-Object Id -EQ $Invoked.EnvironmentId
            $container.TmpMode | Should -Be $listed.TmpMode
        }
        finally {
            $client.Dispose()
        }
    }

    It 'shows the default table: Id, Function, State, Invocations, Idle for, Memory peak, /tmp used, Isolation' {
        $table = Get-Container -FunctionName NodeCjsFunction -TemplatePath $Template | Format-Table | Out-String -Width 200
        $header = ($table -split "`n" | Where-Object { $_ -match '\S' })[0]
        $header | Should -Match '^Id\s+Function\s+State\s+Invocations\s+Idle for\s+Memory peak\s+/tmp used\s+Isolation\s*$'
        $table | Should -Match ([regex]::Escape($Invoked.EnvironmentId.Substring(0, 8)) + '\s+NodeCjsFunction\s+frozen\s+1\s+\S+ (ms|s)\s+\d+ MB\s+[\d.]+ (B|KB)\s+(cgroup-v2|cgroup-v1|process-group)')
    }

    It 'filters by -Id (whole or a prefix) and -State' {
        (Get-Container -Id $Invoked.EnvironmentId -TemplatePath $Template).Id | Should -Be $Invoked.EnvironmentId
        (Get-Container -Id $Invoked.EnvironmentId.Substring(0, 8) -TemplatePath $Template).Id | Should -Be $Invoked.EnvironmentId
        Get-Container -State busy -TemplatePath $Template | Should -BeNullOrEmpty
        (Get-Container -State frozen -FunctionName NodeCjsFunction -TemplatePath $Template).Id | Should -Be $Invoked.EnvironmentId
    }

    It 'reports an unknown id or function as an error record' {
        Get-Container -Id 'ffffffff' -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be 'ContainerNotFound,DevTools.PowerShell.Commands.GetContainerCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'

        Get-Container -FunctionName Nope -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable missing
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'ResourceNotFoundException,*'
    }
}

Describe 'Stop-Container' {
    It 'changes nothing with -WhatIf' {
        $null = Invoke-LocalFunction PythonFunction -TemplatePath $Template
        $before = Get-Container -FunctionName PythonFunction -TemplatePath $Template
        Get-Container -FunctionName PythonFunction -TemplatePath $Template | Stop-Container -WhatIf
        (Get-Container -FunctionName PythonFunction -TemplatePath $Template).Id | Should -Be $before.Id
    }

    It 'stops the environments piped from Get-Container: the next invoke is cold' {
        $null = Invoke-LocalFunction PythonFunction -TemplatePath $Template
        Get-Container -FunctionName PythonFunction -TemplatePath $Template | Should -Not -BeNullOrEmpty
        $stopped = Get-Container -FunctionName PythonFunction -TemplatePath $Template | Stop-Container -Confirm:$false -PassThru
        $stopped.FunctionName | Should -Be 'PythonFunction'
        Get-Container -FunctionName PythonFunction -TemplatePath $Template | Should -BeNullOrEmpty
        (Invoke-LocalFunction PythonFunction -TemplatePath $Template).ColdStart | Should -BeTrue
    }

    It 'stops one environment by id and reports an unknown id' {
        $id = (Invoke-LocalFunction NodeEsmFunction -TemplatePath $Template).EnvironmentId
        Stop-Container -Id $id.Substring(0, 8) -TemplatePath $Template -Confirm:$false
        Get-Container -Id $id -TemplatePath $Template -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        Stop-Container -Id 'ffffffff' -TemplatePath $Template -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors[0].FullyQualifiedErrorId | Should -Be 'ContainerNotFound,DevTools.PowerShell.Commands.StopContainerCommand'
    }
}

Describe 'Another client of the same backend' {
    BeforeAll {
        $script:Other = New-SecondClient -TemplatePath $Template
    }

    AfterAll {
        $Other.Dispose()
    }

    It 'shares one backend with this session' {
        $backend = Get-LocalBackend -TemplatePath $Template
        $backend.ProcessId | Should -Be $Other.GetEngineInfoAsync([System.Threading.CancellationToken]::None).GetAwaiter().GetResult().ProcessId
        $backend.Clients | Should -BeGreaterOrEqual 2
    }

    It 'sees the environments the other client creates, and the other client sees this session''s' {
        Get-Container -FunctionName ShellFunction -TemplatePath $Template | Stop-Container -Confirm:$false
        $theirs = Wait-LifecycleEvent -TemplatePath $Template -FunctionName ShellFunction -Type environment.frozen -Action {
            $Other.InvokeAsync('ShellFunction', '{"from":"other client"}', [System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
        }
        $theirs.ColdStart | Should -BeTrue
        $seen = Get-Container -FunctionName ShellFunction -TemplatePath $Template
        $seen.State | Should -Be 'frozen'
        $seen.Id | Should -Be $theirs.EnvironmentId
        $seen.Invocations | Should -Be 1

        # This session's invoke reuses the other client's warm environment.
        $mine = Invoke-LocalFunction ShellFunction -TemplatePath $Template
        $mine.ColdStart | Should -BeFalse
        $mine.EnvironmentId | Should -Be $theirs.EnvironmentId
        $listed = $Other.ListEnvironmentsAsync('ShellFunction', [System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
        $listed[0].Invocations | Should -Be 2
    }

    It 'shows in Invoke-LocalFunction''s records only the function it invoked, while the other client invokes another' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$(Get-DevToolsModulePath)'; Invoke-LocalFunction Probe -Payload @{ action = 'sleep'; seconds = 1.5 } -TemplatePath '$Template'")
        try {
            $running = Wait-LifecycleEvent -TemplatePath $Template -FunctionName Probe -Type platform.start -Action { $ps.BeginInvoke() }
            $theirs = $Other.InvokeAsync('ShellFunction', '{}', [System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
            $mine = $ps.EndInvoke($running)
            $mine[0].StatusCode | Should -Be 200
            $theirs.StatusCode | Should -Be 200
            $ps.Streams.Information.MessageData.FunctionName | Sort-Object -Unique | Should -Be 'Probe'
        }
        finally { $ps.Dispose() }
    }

    It 'follows the other client''s invoke with Receive-LifecycleEvent' {
        $pending = $Other.InvokeAsync('Probe', '{"action":"sleep","seconds":1}', [System.Threading.CancellationToken]::None)
        $report = Receive-LifecycleEvent -FunctionName Probe -Type 'platform.report' -TimeoutSec 20 -TemplatePath $Template | Select-Object -First 1
        $theirs = $pending.GetAwaiter().GetResult()
        $report | Should -BeOfType DevTools.PowerShell.LifecycleEvent
        $report.RequestId | Should -Be $theirs.RequestId
        $report.Text | Should -BeLike "REPORT RequestId: $($theirs.RequestId)*"
        $report.Record.status | Should -Be 'success'
    }

    It 'stops following after -TimeoutSec' {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        Receive-LifecycleEvent -FunctionName NodeEsmFunction -TimeoutSec 1 -TemplatePath $Template | Should -BeNullOrEmpty
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
    }
}
