# New-LocalEvent and Invoke-LocalFunction -SampleEvent against a real backend over a private copy of the samples.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-DevToolsModulePath) -Force
    $script:Workspace = New-TestWorkspace
    $script:Template = $Workspace.TemplatePath
    # The backend's region, as its functions see it: the sample events' default.
    $script:Region = ((Get-LocalFunction NodeCjsFunction -TemplatePath $Template).FunctionArn -split ':')[3]
}

AfterAll {
    Remove-TestWorkspace $Workspace
}

Describe 'New-LocalEvent' {
    It 'generates a sample by id with its flags applied, in the backend''s region' {
        $before = [DateTimeOffset]::UtcNow.AddSeconds(-1)
        $sample = New-LocalEvent s3-put -Values @{ bucket = 'photos'; key = 'holidays/red flower.jpg'; size = 2048 } -TemplatePath $Template

        $sample | Should -BeOfType DevTools.PowerShell.LocalSampleEvent
        $sample.Id | Should -Be 's3-put'
        $sample.TemplatePath | Should -Be $Template
        $record = ($sample.Payload | ConvertFrom-Json).Records[0]
        $record.eventName | Should -Be 'ObjectCreated:Put'
        $record.awsRegion | Should -Be $Region
        $record.s3.bucket.name | Should -Be 'photos'
        $record.s3.object.key | Should -Be 'holidays/red+flower.jpg'
        $record.s3.object.size | Should -Be 2048
        [DateTimeOffset]::Parse($record.eventTime, [cultureinfo]::InvariantCulture) | Should -BeGreaterThan $before
    }

    It 'takes -Service and -Event, flag names without dashes, and a hashtable for a JSON flag' {
        $sqs = New-LocalEvent -Service sqs -Event receive-message -Values @{ queueName = 'jobs'; body = 'hello' } -TemplatePath $Template
        $sqs.Id | Should -Be 'sqs-receive-message'
        ($sqs.Payload | ConvertFrom-Json).Records[0].eventSourceARN | Should -Match ":jobs$"

        $custom = New-LocalEvent eventbridge-custom -Values @{ source = 'shop.orders'; detail = [ordered]@{ orderId = 7; paid = $true } } -TemplatePath $Template
        $event = $custom.Payload | ConvertFrom-Json
        $event.source | Should -Be 'shop.orders'
        $event.detail.orderId | Should -Be 7
        $event.detail.paid | Should -BeTrue
    }

    It 'pipes into Invoke-LocalFunction by property name, and is its JSON as -Payload and as text' {
        $piped = New-LocalEvent s3-put -Values @{ bucket = 'piped' } -TemplatePath $Template | Invoke-LocalFunction -FunctionName NodeCjsFunction
        $piped.Response.event.Records[0].s3.bucket.name | Should -Be 'piped'

        $sample = New-LocalEvent sns-notification -Values @{ message = 'as payload' } -TemplatePath $Template
        $passed = Invoke-LocalFunction NodeCjsFunction -Payload $sample -TemplatePath $Template
        $passed.Response.event.Records[0].Sns.Message | Should -Be 'as payload'

        $file = Join-Path $Workspace.Root 'sns.json'
        $sample | Set-Content -Path $file
        (Get-Content -Raw $file | ConvertFrom-Json).Records[0].Sns.Message | Should -Be 'as payload'
    }

    It 'reports an unknown sample, flag or value as InvalidSampleEvent, naming what there is' {
        New-LocalEvent s3-get -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable unknown | Should -BeNullOrEmpty
        $unknown[0].FullyQualifiedErrorId | Should -Be 'InvalidSampleEvent,DevTools.PowerShell.Commands.NewLocalEventCommand'
        $unknown[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $unknown[0].Exception.Message | Should -BeLike "No sample event 's3-get'. Sample events: apigateway-aws-proxy, *"

        New-LocalEvent s3-put -Values @{ colour = 'red' } -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable flag | Should -BeNullOrEmpty
        $flag[0].Exception.Message | Should -Be "S3 put has no flag 'colour'. Its flags: bucket, key, size, region."

        { New-LocalEvent apigateway-aws-proxy -Values @{ path = '/orders/1'; resource = '/users/{id}' } -TemplatePath $Template -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidSampleEvent,*' -ExpectedMessage 'The path /orders/1 does not match /users/{id}.'
    }

    It 'completes ids, services and a service''s events without asking a backend' {
        $line = 'New-LocalEvent s3'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('s3-put', 's3-delete')
        $line = 'New-LocalEvent -Service dyn'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('dynamodb')
        $line = 'New-LocalEvent -Service apigateway -Event '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('aws-proxy', 'http-api-proxy', 'authorizer', 'request-authorizer')
        $line = 'Invoke-LocalFunction NodeCjsFunction -SampleEvent sq'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('sqs-receive-message')
    }
}

Describe 'Invoke-LocalFunction -SampleEvent' {
    It 'sends a fresh sample event on every invoke' {
        $first = Invoke-LocalFunction NodeCjsFunction -SampleEvent sqs-receive-message -TemplatePath $Template
        $second = Invoke-LocalFunction NodeCjsFunction -SampleEvent SQS-Receive-Message -TemplatePath $Template

        $message = $first.Response.event.Records[0]
        $message.eventSource | Should -Be 'aws:sqs'
        $message.body | Should -Be 'Test message.'
        $message.awsRegion | Should -Be $Region
        $second.Response.event.Records[0].messageId | Should -Not -Be $message.messageId
    }

    It 'writes an InvalidSampleEvent error for an unknown sample and invokes nothing' {
        Invoke-LocalFunction NodeCjsFunction -SampleEvent nope -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidSampleEvent,DevTools.PowerShell.Commands.InvokeLocalFunctionCommand'
        $errors[0].TargetObject | Should -Be 'nope'
    }
}
