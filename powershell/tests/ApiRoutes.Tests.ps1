# Get-LocalApiRoute and Invoke-LocalApi on a backend the module starts (it serves the API: --api-port 0), over
# tests/Functions/api: REST and HTTP APIs, an authorizer, a $default route and a function URL.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-DevToolsModulePath) -Force

    function New-ApiWorkspace([string] $TemplateFile = 'template.yaml') {
        # A private copy of tests/Functions/api (its own backend), with $TemplateFile as its template.yaml.
        $source = Join-Path (Get-RepoRoot) 'tests/Functions/api'
        $root = Join-Path ([System.IO.Path]::GetTempPath()) ('devtools-pester-api-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
        New-Item -ItemType Directory -Path $root | Out-Null
        Copy-Item (Join-Path $source 'index.js') $root
        Copy-Item (Join-Path $source $TemplateFile) (Join-Path $root 'template.yaml')
        [pscustomobject]@{ Root = $root; TemplatePath = Join-Path $root 'template.yaml' }
    }

    $script:Workspace = New-ApiWorkspace
    $script:Template = $Workspace.TemplatePath
}

AfterAll {
    Remove-TestWorkspace $Workspace
}

Describe 'Get-LocalApiRoute' {
    It 'lists every route and the function URL with the URL the backend serves it at' {
        $routes = Get-LocalApiRoute -TemplatePath $Template -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        $routes | Should -BeOfType DevTools.PowerShell.LocalApiRoute
        ($routes | Where-Object FunctionId -EQ RestFunction).RouteKey | Sort-Object | Should -Be (@(
                'GET /items/{id}', 'GET /items/special', 'ANY /files/{proxy+}', 'POST /items', 'GET /guarded', 'GET /slow', 'GET /implicit') | Sort-Object)
        $item = $routes | Where-Object RouteKey -EQ 'GET /items/{id}'
        $item.Method, $item.Path, $item.Api, $item.Kind, $item.PayloadFormatVersion | Should -Be @('GET', '/items/{id}', 'RestApi', 'REST', '1.0')
        $item.Url | Should -Match '^http://127\.0\.0\.1:\d+/items/\{id\}$'
        $item.TemplatePath | Should -Be $Template
        ($routes | Where-Object RouteKey -EQ 'GET /implicit').Api | Should -Be 'ServerlessRestApi'

        $v2 = $routes | Where-Object RouteKey -EQ 'GET /v2/items/{id}'
        $v2.Kind, $v2.PayloadFormatVersion, $v2.FunctionId | Should -Be @('HTTP', '2.0', 'HttpFunction')
        ($routes | Where-Object RouteKey -EQ 'GET /v1style').PayloadFormatVersion | Should -Be '1.0'
        ($routes | Where-Object { $_.RouteKey -eq '$default' -and $_.Kind -eq 'HTTP' }).Path | Should -Be '/*'
        # Every API route on one port; the function URL on a port of its own.
        @($routes | Where-Object Kind -NE URL | ForEach-Object { ([uri]$_.Url).Port } | Sort-Object -Unique).Count | Should -Be 1
        $url = $routes | Where-Object Kind -EQ URL
        $url.FunctionId, $url.Method, $url.Path, $url.PayloadFormatVersion | Should -Be @('HttpFunction', 'ANY', '/*', '2.0')
        ([uri]$url.Url).Port | Should -Not -Be ([uri]$item.Url).Port
    }

    It 'filters by function, with wildcards and from Get-LocalFunction on the pipeline; a name that is no function is an error' {
        (Get-LocalApiRoute Limited -TemplatePath $Template).RouteKey | Should -Be 'GET /throttled'
        (Get-LocalApiRoute 'Http*' -TemplatePath $Template).FunctionId | Sort-Object -Unique | Should -Be 'HttpFunction'
        (Get-LocalFunction Limited -TemplatePath $Template | Get-LocalApiRoute).RouteKey | Should -Be 'GET /throttled'
        Get-LocalApiRoute Worker -TemplatePath $Template -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -BeNullOrEmpty
        Get-LocalApiRoute Nope -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be 'ResourceNotFoundException,DevTools.PowerShell.Commands.GetLocalApiRouteCommand'
    }

    It 'shows a table: method, path, function, kind, payload version and URL' {
        $text = Get-LocalApiRoute RestFunction -TemplatePath $Template | Out-String -Width 250
        $text | Should -Match 'Method\s+Path\s+Function\s+Kind\s+Payload\s+Url'
        $text | Should -Match 'GET\s+/items/\{id\}\s+RestFunction\s+REST\s+1\.0\s+http://127\.0\.0\.1:\d+/items/\{id\}'
    }
}

Describe 'Invoke-LocalApi' {
    It 'sends a real request through the route to the function and returns the response, its JSON parsed' {
        $response = Invoke-LocalApi '/items/5?mode=echo' -TemplatePath $Template
        $response | Should -BeOfType DevTools.PowerShell.LocalApiResponse
        $response.StatusCode | Should -Be 200
        $response.Method | Should -Be 'GET'
        $response.Url | Should -Match '^http://127\.0\.0\.1:\d+/items/5\?mode=echo$'
        $response.Headers['X-Mode'] | Should -Be 'echo'
        $response.Headers['content-type'] | Should -Match '^application/json'
        # The REST API's payload 1.0 event, as the function received it.
        $response.Json.resource | Should -Be '/items/{id}'
        $response.Json.pathParameters.id | Should -Be '5'
        $response.Json.queryStringParameters.mode | Should -Be 'echo'
        ($response.Body | ConvertFrom-Json).path | Should -Be '/items/5'
        $response.DurationMs | Should -BeGreaterThan 0
    }

    It 'sends a body (an object as JSON) and headers' {
        $response = Invoke-LocalApi /items -Method POST -Body @{ name = 'Ada' } -Headers @{ 'X-Trace' = 'abc' } -TemplatePath $Template
        $response.StatusCode | Should -Be 200
        $response.Json.httpMethod | Should -Be 'POST'
        $response.Json.body | Should -Be '{"name":"Ada"}'
        $response.Json.headers.'Content-Type' | Should -Be 'application/json'
        $response.Json.headers.'X-Trace' | Should -Be 'abc'
        $text = Invoke-LocalApi /items -Method POST -Body 'plain words' -Headers @{ 'Content-Type' = 'text/plain' } -TemplatePath $Template
        $text.Json.body | Should -Be 'plain words'
        $text.Json.headers.'Content-Type' | Should -Be 'text/plain'
    }

    It 'reaches HTTP API routes (payload 2.0), the $default route and a route behind an authorizer' {
        $v2 = Invoke-LocalApi /v2/items/7 -TemplatePath $Template
        $v2.Json.version, $v2.Json.routeKey, $v2.Json.pathParameters.id | Should -Be @('2.0', 'GET /v2/items/{id}', '7')
        (Invoke-LocalApi /no/such/thing -Method DELETE -TemplatePath $Template).Json.routeKey | Should -Be '$default'
        (Invoke-LocalApi /guarded -TemplatePath $Template).StatusCode | Should -Be 401
        $allowed = Invoke-LocalApi /guarded -Headers @{ 'X-Token' = 'allow' } -TemplatePath $Template
        $allowed.StatusCode | Should -Be 200
        $allowed.Json.requestContext.authorizer.user | Should -Be 'alice'
    }

    It 'calls a function URL with -FunctionUrl' {
        $response = Invoke-LocalApi '/any/path?mode=echo' -Method PUT -FunctionUrl HttpFunction -TemplatePath $Template
        $response.StatusCode | Should -Be 200
        $response.Json.rawPath | Should -Be '/any/path'
        $response.Json.requestContext.http.method | Should -Be 'PUT'
        $response.Url | Should -Be ((Get-LocalApiRoute HttpFunction -TemplatePath $Template | Where-Object Kind -EQ URL).Url + 'any/path?mode=echo')
    }

    It 'returns what API Gateway answers (a failed function: 502) as the result, not as an error' {
        $response = Invoke-LocalApi '/items/1?mode=error' -TemplatePath $Template -ErrorVariable errors
        $errors | Should -BeNullOrEmpty
        $response.StatusCode | Should -Be 502
        $response.Json.message | Should -Be 'Internal server error'
    }

    It 'refuses a function without a URL, and a header that cannot be sent' {
        Invoke-LocalApi / -FunctionUrl RestFunction -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be 'FunctionUrlNotFound,DevTools.PowerShell.Commands.InvokeLocalApiCommand'
        $errors[0].Exception.Message | Should -Match 'Functions with one: HttpFunction'
        Invoke-LocalApi /items/1 -Headers @{ 'Bad Name' = 'x' } -TemplatePath $Template -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidHeader,DevTools.PowerShell.Commands.InvokeLocalApiCommand'
    }
}

Describe 'Routes the template does not have, and a backend that does not serve the API' {
    BeforeAll {
        $script:RestOnly = New-ApiWorkspace 'rest-only.yaml'
    }

    AfterAll {
        Remove-TestWorkspace $RestOnly
    }

    It 'says which routes there are when none takes the request (nothing is sent)' {
        Invoke-LocalApi /nope -TemplatePath $RestOnly.TemplatePath -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be 'RouteNotFound,DevTools.PowerShell.Commands.InvokeLocalApiCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].Exception.Message | Should -Match 'takes GET /nope\. Routes: GET /only\.'
        Invoke-LocalApi /only -Method POST -TemplatePath $RestOnly.TemplatePath -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'RouteNotFound,*'
        (Invoke-LocalApi /only -TemplatePath $RestOnly.TemplatePath).StatusCode | Should -Be 200
    }

    It 'lists routes without URLs from a backend started without --api-port, refuses to call them, and serves them once the module starts the backend' {
        Stop-LocalBackend -TemplatePath $RestOnly.TemplatePath -Confirm:$false
        # Another client (the client library with its default options) starts the backend: no --api-port.
        $client = New-SecondClient -TemplatePath $RestOnly.TemplatePath
        try {
            $route = Get-LocalApiRoute -TemplatePath $RestOnly.TemplatePath -WarningVariable warnings -WarningAction SilentlyContinue
            $route.RouteKey | Should -Be 'GET /only'
            $route.Url | Should -BeNullOrEmpty
            "$warnings" | Should -Match 'does not serve the template''s API: it was started without --api-port'
            (Get-LocalApiRoute -TemplatePath $RestOnly.TemplatePath -WarningAction SilentlyContinue | Out-String) | Should -Match '\(not served\)'

            Invoke-LocalApi /only -TemplatePath $RestOnly.TemplatePath -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -Be 'ApiNotServed,DevTools.PowerShell.Commands.InvokeLocalApiCommand'
            $errors[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $errors[0].Exception.Message | Should -Match 'Stop-LocalBackend'
        }
        finally {
            $client.Dispose()
        }
        Stop-LocalBackend -TemplatePath $RestOnly.TemplatePath -Confirm:$false
        (Get-LocalApiRoute -TemplatePath $RestOnly.TemplatePath).Url | Should -Match '^http://127\.0\.0\.1:\d+/only$'
    }
}
