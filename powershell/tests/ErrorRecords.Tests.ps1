# The module's one mapping from failures to ErrorRecords (Commands/ErrorRecords.cs), without a backend. When the engine
# refuses a request (404, 400, 413, 429) is the engine's tests' to say; these say how PowerShell reports it.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-DevToolsModulePath) -Force
    # Internal to the module: reached through its assembly.
    $script:Mapping = [DevTools.PowerShell.Commands.DevToolsCmdlet].Assembly.GetType('DevTools.PowerShell.Commands.ErrorRecords', $true).GetMethod('From')

    function ConvertTo-ErrorRecord([Exception] $Exception) { $Mapping.Invoke($null, @($Exception, 'MyFunction')) }

    function New-LambdaServiceError([string] $ErrorType, [int] $StatusCode) {
        # What the client library makes of the backend's -32001 error, whose data carries Lambda's error type and status.
        [DevTools.Client.LambdaServiceErrorException]::new($ErrorType, $StatusCode, "$ErrorType from the engine", $null, [Exception]::new('the JSON-RPC error'))
    }
}

Describe 'ErrorRecords' {
    It 'reports the engine''s <ErrorType> (<StatusCode>) with its type as error id, category <Category>, the target and the typed exception' -ForEach @(
        @{ ErrorType = 'ResourceNotFoundException'; StatusCode = 404; Category = 'ObjectNotFound' }
        @{ ErrorType = 'InvalidRequestContentException'; StatusCode = 400; Category = 'InvalidData' }
        @{ ErrorType = 'InvalidParameterValueException'; StatusCode = 400; Category = 'InvalidArgument' }
        @{ ErrorType = 'RequestTooLargeException'; StatusCode = 413; Category = 'LimitsExceeded' }
        @{ ErrorType = 'TooManyRequestsException'; StatusCode = 429; Category = 'ResourceBusy' }
        @{ ErrorType = 'InvalidRuntimeException'; StatusCode = 502; Category = 'NotInstalled' }
        @{ ErrorType = 'AnotherClientException'; StatusCode = 409; Category = 'InvalidOperation' }
        @{ ErrorType = 'ServiceException'; StatusCode = 500; Category = 'NotSpecified' }
    ) {
        $exception = New-LambdaServiceError $ErrorType $StatusCode
        $record = ConvertTo-ErrorRecord $exception
        $record.FullyQualifiedErrorId | Should -Be $ErrorType
        $record.CategoryInfo.Category | Should -Be $Category
        $record.TargetObject | Should -Be 'MyFunction'
        $record.Exception | Should -Be $exception
    }

    It 'recommends what to do where it helps: <ErrorType>' -ForEach @(
        @{ ErrorType = 'ResourceNotFoundException'; StatusCode = 404; Action = 'Get-LocalFunction lists*' }
        @{ ErrorType = 'InvalidRequestContentException'; StatusCode = 400; Action = '*JSON*' }
        @{ ErrorType = 'TooManyRequestsException'; StatusCode = 429; Action = '*ReservedConcurrentExecutions*' }
    ) {
        $record = ConvertTo-ErrorRecord (New-LambdaServiceError $ErrorType $StatusCode)
        $record.ErrorDetails.Message | Should -Be "$ErrorType from the engine"
        $record.ErrorDetails.RecommendedAction | Should -BeLike $Action
    }

    It 'adds no details where it has nothing to recommend' {
        (ConvertTo-ErrorRecord (New-LambdaServiceError 'RequestTooLargeException' 413)).ErrorDetails | Should -BeNullOrEmpty
    }

    It 'reports a backend that cannot be reached as BackendUnavailable, ResourceUnavailable' {
        $record = ConvertTo-ErrorRecord ([DevTools.Client.BackendUnavailableException]::new('No backend answers.', $null))
        $record.FullyQualifiedErrorId | Should -Be 'BackendUnavailable'
        $record.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $record.Exception.Message | Should -Be 'No backend answers.'
    }

    It 'reports a connection lost mid-request (<_>) as BackendConnectionLost, ConnectionError' -ForEach @(
        'StreamJsonRpc.ConnectionLostException', 'System.IO.IOException', 'System.ObjectDisposedException'
    ) {
        $lost = New-Object -TypeName $_ -ArgumentList 'the socket closed'
        $record = ConvertTo-ErrorRecord $lost
        $record.FullyQualifiedErrorId | Should -Be 'BackendConnectionLost'
        $record.CategoryInfo.Category | Should -Be 'ConnectionError'
        $record.Exception | Should -BeOfType DevTools.Client.BackendUnavailableException
        $record.Exception.InnerException | Should -Be $lost
    }

    It 'reports another refusal by the backend as BackendError, InvalidOperation' {
        $record = ConvertTo-ErrorRecord ([StreamJsonRpc.RemoteInvocationException]::new('Invalid params', -32602, $null))
        $record.FullyQualifiedErrorId | Should -Be 'BackendError'
        $record.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $record.Exception.Message | Should -BeLike '*Invalid params*'
    }

    It 'reports a payload that cannot become JSON as PayloadConversionFailed, InvalidData' {
        $record = ConvertTo-ErrorRecord ([DevTools.PowerShell.Json.PayloadConversionException]::new('too deep'))
        $record.FullyQualifiedErrorId | Should -Be 'PayloadConversionFailed'
        $record.CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'reports nothing for a cancelled request (Ctrl+C stops the pipeline instead) nor for a failure that is not its own' {
        ConvertTo-ErrorRecord ([OperationCanceledException]::new()) | Should -BeNullOrEmpty
        ConvertTo-ErrorRecord ([System.Threading.Tasks.TaskCanceledException]::new()) | Should -BeNullOrEmpty
        ConvertTo-ErrorRecord ([InvalidOperationException]::new('a bug')) | Should -BeNullOrEmpty
    }
}
