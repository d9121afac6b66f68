# The module itself: manifest, version, exports, help, formats, Get-LocalFunction and the backend's lifetime.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Module = Import-Module (Get-DevToolsModulePath) -Force -PassThru
    $script:Workspace = New-TestWorkspace
    $script:Template = $Workspace.TemplatePath
    $script:Cmdlets = 'Invoke-LocalFunction', 'New-LocalEvent', 'Build-LocalFunction', 'Get-LocalFunction', 'Get-Container', 'Stop-Container', 'Receive-LifecycleEvent', 'Get-LocalBackend', 'Stop-LocalBackend',
        'Get-LocalApiRoute', 'Invoke-LocalApi'
}

AfterAll {
    Remove-TestWorkspace $Workspace
}

Describe 'The DevTools module' {
    It 'has the version of version.json, as the assemblies do' {
        $versionJson = Get-Content (Join-Path (Get-RepoRoot) 'version.json') -Raw | ConvertFrom-Json
        $Module.Version | Should -Not -Be ([version]'0.0.0')
        "$($Module.Version.Major).$($Module.Version.Minor)" | Should -Be $versionJson.version
        $assembly = [DevTools.PowerShell.LocalInvokeResult].Assembly
        $informational = ($assembly.GetCustomAttributes([System.Reflection.AssemblyInformationalVersionAttribute], $false)).InformationalVersion
        $informational | Should -BeLike "$($Module.Version)*"
        Test-ModuleManifest -Path (Get-DevToolsModulePath) | Should -Not -BeNullOrEmpty
    }

    It 'exports its cmdlets and nothing else' {
        ($Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be ($Cmdlets | Sort-Object)
        $Module.ExportedFunctions.Count | Should -Be 0
    }

    It 'has full help for <_>: synopsis, description, parameters and examples' -ForEach @(
        'Invoke-LocalFunction', 'New-LocalEvent', 'Build-LocalFunction', 'Get-LocalFunction', 'Get-Container', 'Stop-Container', 'Receive-LifecycleEvent', 'Get-LocalBackend', 'Stop-LocalBackend',
        'Get-LocalApiRoute', 'Invoke-LocalApi'
    ) {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ('^' + [regex]::Escape($_) + ' ')
        $help.description.Text | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 1
        $command = Get-Command $_
        $ownParameters = $command.Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }
        foreach ($name in $ownParameters) {
            $parameter = $help.parameters.parameter | Where-Object name -EQ $name
            $parameter | Should -Not -BeNullOrEmpty -Because "$name needs help"
            $parameter.description.Text | Should -Not -BeNullOrEmpty -Because "$name needs a description"
        }
    }

    It 'shows Invoke-LocalFunction''s parameters and examples with Get-Help -Full' {
        $text = Get-Help Invoke-LocalFunction -Full | Out-String -Width 200
        foreach ($name in 'FunctionName', 'Payload', 'PayloadPath', 'SampleEvent', 'InvocationType', 'LogType', 'ClientContext', 'Qualifier', 'TemplatePath') {
            $text | Should -Match "-$name"
        }
        $text | Should -Match 'EXAMPLE 1'
        $text | Should -Match 'Accept pipeline input\??\s+True \(ByPropertyName'
    }

    It 'ships the MAML help that New-DevToolsHelp.ps1 makes from the help text and the cmdlets' {
        $fresh = Join-Path $Workspace.Root 'DevTools.PowerShell.dll-Help.xml'
        & (Join-Path (Get-RepoRoot) 'powershell/help/New-DevToolsHelp.ps1') -ModulePath (Get-DevToolsModulePath) -OutputPath $fresh
        $shipped = Join-Path (Get-RepoRoot) 'powershell/en-US/DevTools.PowerShell.dll-Help.xml'
        (Get-Content $fresh -Raw) | Should -BeExactly (Get-Content $shipped -Raw) -Because 'the help must be regenerated after a cmdlet or DevTools.Help.psd1 changes (dotnet pwsh powershell/help/New-DevToolsHelp.ps1)'
    }

    It 'has an about_DevTools topic' {
        $about = Get-Help about_DevTools | Out-String
        $about | Should -Match 'about_DevTools'
        $about | Should -Match 'Invoke-LocalFunction'
        $about | Should -Match 'Get-Container'
    }

    It 'has table views for its objects' {
        foreach ($type in 'LocalInvokeResult', 'LocalSampleEvent', 'LocalBuildResult', 'LocalContainer', 'LocalFunction', 'LifecycleEvent', 'LocalBackend',
            'LocalApiRoute', 'LocalApiResponse') {
            $format = Get-FormatData "DevTools.PowerShell.$type"
            $format | Should -Not -BeNullOrEmpty -Because "$type needs a view"
            $format.FormatViewDefinition[0].Control | Should -BeOfType System.Management.Automation.TableControl
        }
    }
}

Describe 'Get-LocalFunction' {
    It 'lists the template''s functions with their configuration' {
        $functions = Get-LocalFunction -TemplatePath $Template
        $functions.LogicalId | Should -Be @('NodeCjsFunction', 'NodeEsmFunction', 'PythonFunction', 'DotnetFunction', 'ShellFunction', 'JavaFunction', 'RubyFunction', 'SdkFunction', 'NodeDepsFunction', 'NodeLayerFunction', 'Probe', 'Limited')
        $node = $functions | Where-Object LogicalId -EQ 'NodeCjsFunction'
        $node.Runtime | Should -Be 'nodejs20.x'
        $node.Handler | Should -Be 'index.handler'
        $node.MemorySizeMB | Should -Be 256
        $node.TimeoutSeconds | Should -Be 10
        $node.EphemeralStorageMB | Should -Be 512
        $node.Environment.GREETING | Should -Be 'Hello from us-east-1'
        $node.Runnable | Should -BeTrue
        $node.TemplatePath | Should -Be $Template
        ($functions | Where-Object LogicalId -EQ 'Limited').ReservedConcurrentExecutions | Should -Be 0
        ($functions | Where-Object LogicalId -EQ 'NodeLayerFunction').Layers | Should -Be @('FormattingLayer', 'SettingsLayer')
        $node.Layers | Should -BeNullOrEmpty
    }

    It 'filters with wildcards and reports an unknown name' {
        (Get-LocalFunction 'Node*' -TemplatePath $Template).LogicalId | Should -Be @('NodeCjsFunction', 'NodeEsmFunction', 'NodeDepsFunction', 'NodeLayerFunction')
        Get-LocalFunction Nope -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be 'ResourceNotFoundException,DevTools.PowerShell.Commands.GetLocalFunctionCommand'
    }

    It 'shows template diagnostics as warnings and on the function' {
        $broken = Join-Path $Workspace.Root 'broken'
        New-Item -ItemType Directory -Path $broken | Out-Null
        Copy-Item -Path (Join-Path $Workspace.Root 'functions') -Destination $broken -Recurse
        (Get-Content $Template -Raw).Replace('MemorySize: 256', 'MemorySize: 99999') | Set-Content (Join-Path $broken 'template.yaml')
        try {
            $functions = Get-LocalFunction -TemplatePath $broken -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings | Should -Not -BeNullOrEmpty
            ($warnings -join "`n") | Should -Match 'MemorySize'
            $functions[0].Diagnostics.Count + ($warnings.Count) | Should -BeGreaterThan 0
        }
        finally {
            Stop-LocalBackend -TemplatePath $broken -Confirm:$false
        }
    }
}

Describe '-TemplatePath' {
    BeforeAll {
        function New-ProjectFolder([string] $Name, [hashtable] $Templates) {
            # A folder with templates (relative path = logical id of its one function, the test probe).
            $folder = Join-Path $Workspace.Root $Name
            foreach ($entry in $Templates.GetEnumerator()) {
                $path = Join-Path $folder $entry.Key
                New-Item -ItemType Directory -Path (Split-Path $path) -Force | Out-Null
                Set-Content -Path $path -Value @"
Resources:
  $($entry.Value):
    Type: AWS::Serverless::Function
    Properties:
      Runtime: provided.al2023
      CodeUri: $(Join-Path (Get-RepoRoot) 'tests/Functions/probe')
      Handler: probe
"@
            }
            $folder
        }
    }

    It 'takes a folder that holds only template.yml, as the current location by default' {
        $folder = New-ProjectFolder 'yml-only' @{ 'template.yml' = 'FromYml' }
        Push-Location $folder
        try {
            $function = Get-LocalFunction
            $function.LogicalId | Should -Be 'FromYml'
            $function.TemplatePath | Should -Be (Join-Path $folder 'template.yml')
            $line = 'Invoke-LocalFunction From'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'FromYml'
        }
        finally {
            Stop-LocalBackend -Confirm:$false
            Pop-Location
        }
    }

    It 'prefers the template sam build wrote, as the CLI does; the project folder stays the workspace' {
        $folder = New-ProjectFolder 'sam-built' @{ 'template.yaml' = 'FromSource'; '.aws-sam/build/template.yaml' = 'FromBuild' }
        try {
            $function = Get-LocalFunction -TemplatePath $folder
            $function.LogicalId | Should -Be 'FromBuild'
            $function.TemplatePath | Should -Be (Join-Path $folder '.aws-sam/build/template.yaml')
            (Get-LocalBackend -TemplatePath $folder).Workspace | Should -Be $folder
        }
        finally {
            Stop-LocalBackend -TemplatePath $folder -Confirm:$false
        }
    }
}

Describe 'The backend' {
    It 'is started on first use, shared, and stopped by Stop-LocalBackend' {
        $null = Get-LocalFunction -TemplatePath $Template
        $backend = Get-LocalBackend -TemplatePath $Template
        $backend.ProcessId | Should -BeGreaterThan 0
        $backend.TemplatePath | Should -Be $Template
        # The strongest level the machine allows (cgroup-v1 as root in CI, process-group elsewhere).
        $backend.IsolationLevel | Should -BeIn @('cgroup-v2', 'cgroup-v1', 'process-group')
        $backend.Address | Should -BeLike 'unix:*.sock'

        Stop-LocalBackend -TemplatePath $Template -Confirm:$false
        Get-Process -Id $backend.ProcessId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-LocalBackend -TemplatePath $Template | Should -BeNullOrEmpty

        # The next command starts a new one (connect-or-start).
        (Invoke-LocalFunction NodeCjsFunction -TemplatePath $Template).ColdStart | Should -BeTrue
        (Get-LocalBackend -TemplatePath $Template).ProcessId | Should -Not -Be $backend.ProcessId
    }

    It 'refuses another template of a folder whose backend serves one' {
        $other = Join-Path $Workspace.Root 'other.yaml'
        Copy-Item $Template $other
        { Get-LocalFunction -TemplatePath $other } | Should -Throw -ErrorId 'TemplateMismatch,*'
    }
}
