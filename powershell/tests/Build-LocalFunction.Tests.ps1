# Build-LocalFunction against a real backend: a Node.js function whose package.json declares a local package (a
# tarball this file packs with npm, so no registry is needed), and one whose package.json is not JSON.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-DevToolsModulePath) -Force
    $script:Workspace = New-TestWorkspace
    $script:Template = $Workspace.TemplatePath
    $root = $Workspace.Root

    # The package: written here, packed into a tarball the function's package.json names by absolute path.
    $package = Join-Path $root 'greet-src'
    $vendor = Join-Path $root 'vendor'
    New-Item -ItemType Directory -Path $package, $vendor | Out-Null
    Set-Content -Path (Join-Path $package 'package.json') -Value '{ "name": "greet", "version": "1.0.0", "main": "index.js" }'
    Set-Content -Path (Join-Path $package 'index.js') -Value 'module.exports = (name) => `Hello, ${name}, from the greet package`;'
    Push-Location $package
    try {
        $packed = npm pack --pack-destination $vendor --silent 2>&1
        if ($LASTEXITCODE -ne 0) { throw "npm pack failed: $packed" }
    }
    finally {
        Pop-Location
    }
    $script:Tarball = Join-Path $vendor 'greet-1.0.0.tgz'
    if (-not (Test-Path $Tarball)) { throw "npm pack wrote no $Tarball ($packed)" }

    $script:GreeterCode = Join-Path $root 'greeter'
    New-Item -ItemType Directory -Path $GreeterCode | Out-Null
    Set-Content -Path (Join-Path $GreeterCode 'package.json') -Value (@{
            name         = 'greeter'
            version      = '1.0.0'
            private      = $true
            dependencies = @{ greet = "file:$($Tarball -replace '\\', '/')" }
        } | ConvertTo-Json)
    Set-Content -Path (Join-Path $GreeterCode 'index.js') -Value @'
const greet = require('greet');
exports.handler = async (event) => ({ message: greet(event.name ?? 'world') });
'@

    $script:BrokenCode = Join-Path $root 'broken-manifest'
    New-Item -ItemType Directory -Path $BrokenCode | Out-Null
    Set-Content -Path (Join-Path $BrokenCode 'package.json') -Value '{ "name": "broken", "dependencies": { "greet": '
    Set-Content -Path (Join-Path $BrokenCode 'index.js') -Value 'exports.handler = async () => ({ ok: true });'

    Add-Content -Path $Template -Value @"
  Greeter:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: $GreeterCode
      Handler: index.handler
  BrokenManifest:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: $BrokenCode
      Handler: index.handler
"@
}

AfterAll {
    Remove-TestWorkspace $Workspace
}

Describe 'Build-LocalFunction' {
    It 'installs a function''s dependencies into a build folder of its own' {
        $result = Build-LocalFunction Greeter -TemplatePath $Template
        $result | Should -HaveCount 1
        $result | Should -BeOfType DevTools.PowerShell.LocalBuildResult
        $result.LogicalId | Should -Be 'Greeter'
        $result.FunctionName | Should -Be 'Greeter'
        $result.Status | Should -Be 'built'
        $result.Manifest | Should -BeLike '*package.json'
        $result.Command | Should -BeLike 'npm *'
        $result.DurationMs | Should -BeGreaterThan 0
        $result.TemplatePath | Should -Be $Template
        $result.Directory | Should -Exist
        Get-ChildItem -Path $result.Directory -Recurse -Directory -Filter greet | Should -Not -BeNullOrEmpty
        # The code folder is left as it is.
        Join-Path $GreeterCode 'node_modules' | Should -Not -Exist
    }

    It 'reuses an unchanged build, and builds again with -Force' {
        $first = Build-LocalFunction Greeter -TemplatePath $Template
        $first.Status | Should -Be 'reused'
        $first.Directory | Should -Exist

        $forced = Build-LocalFunction Greeter -Force -TemplatePath $Template
        $forced.Status | Should -Be 'built'
        $forced.Directory | Should -Be $first.Directory
    }

    It 'runs the function with its dependencies' {
        $result = Invoke-LocalFunction Greeter -Payload @{ name = 'Ada' } -TemplatePath $Template
        $result.FunctionError | Should -BeNullOrEmpty -Because $result.Payload
        $result.Response.message | Should -Be 'Hello, Ada, from the greet package'
    }

    It 'takes functions from the pipeline and shows the build log with -Verbose' {
        $output = Get-LocalFunction Greeter -TemplatePath $Template | Build-LocalFunction -Force -Verbose 4>&1
        $log = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $results = @($output | Where-Object { $_ -is [DevTools.PowerShell.LocalBuildResult] })
        $results | Should -HaveCount 1
        $results[0].Status | Should -Be 'built'
        ($log | Where-Object { $_ -like 'BUILD Greeter dependencies: npm *' }) | Should -HaveCount 1
        ($log | Where-Object { $_ -like 'BUILD Greeter dependencies built*' }) | Should -HaveCount 1
    }

    It 'shows the default table: FunctionName, Status, Duration, Directory / Message' {
        $table = Build-LocalFunction Greeter -TemplatePath $Template | Format-Table | Out-String -Width 250
        $header = ($table -split "`n" | Where-Object { $_ -match '\S' })[0]
        $header | Should -Match '^FunctionName\s+Status\s+Duration\s+Directory / Message\s*$'
        $table | Should -Match 'Greeter\s+reused\s+[\d.]+ (ms|s)\s+\S*devtools-build'
    }

    It 'picks wildcards from the template, and leaves other names to the engine (an ARN builds the function)' {
        (Build-LocalFunction 'Gree*' -TemplatePath $Template).LogicalId | Should -Be 'Greeter'
        $arn = (Get-LocalFunction Greeter -TemplatePath $Template).FunctionArn
        (Build-LocalFunction $arn -TemplatePath $Template).LogicalId | Should -Be 'Greeter'
    }

    It 'reports the engine''s refusal of a name that is no function: one typed error, nothing built (as devtools build)' {
        Build-LocalFunction Nope, Greeter -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ResourceNotFoundException,DevTools.PowerShell.Commands.BuildLocalFunctionCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 'Nope, Greeter'
    }

    It 'takes the engine''s answer for a name in the wrong case: no such function (the module used to build Greeter)' {
        Build-LocalFunction greeter -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be 'ResourceNotFoundException,DevTools.PowerShell.Commands.BuildLocalFunctionCommand'
    }

    It 'reports a broken package.json as failed, with an error record, and the backend keeps serving' {
        $backend = Get-LocalBackend -TemplatePath $Template
        $result = Build-LocalFunction BrokenManifest -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable errors
        $succeeded = $?
        $succeeded | Should -BeFalse
        $result.Status | Should -Be 'failed'
        $result.Message | Should -Not -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'BuildFailed,DevTools.PowerShell.Commands.BuildLocalFunctionCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'NotInstalled'
        $errors[0].TargetObject.FunctionName | Should -Be 'BrokenManifest'
        $errors[0].Exception.Message | Should -BeLike "*$($result.Message)*"

        { Build-LocalFunction BrokenManifest -TemplatePath $Template -ErrorAction Stop } | Should -Throw -ErrorId 'BuildFailed,*'

        (Get-LocalBackend -TemplatePath $Template).ProcessId | Should -Be $backend.ProcessId
        (Build-LocalFunction Greeter -TemplatePath $Template).Status | Should -Be 'reused'
        (Invoke-LocalFunction Greeter -Payload @{ name = 'Bo' } -TemplatePath $Template).Response.message | Should -Be 'Hello, Bo, from the greet package'
    }

    It 'completes function names from the template with Tab' {
        $line = "Build-LocalFunction -TemplatePath '$Template' -FunctionName Gr"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('Greeter')
    }

    It 'builds every function of the template when no name is given' {
        $results = Build-LocalFunction -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable errors
        $results.LogicalId | Should -Be (Get-LocalFunction -TemplatePath $Template -WarningAction SilentlyContinue).LogicalId
        ($results | Where-Object LogicalId -EQ 'Greeter').Status | Should -Be 'reused'
        ($results | Where-Object LogicalId -EQ 'NodeCjsFunction').Status | Should -Be 'skipped'
        ($results | Where-Object LogicalId -EQ 'BrokenManifest').Status | Should -Be 'failed'
        $errors | Should -HaveCount 1
        $errors[0].TargetObject.LogicalId | Should -Be 'BrokenManifest'
    }
}
