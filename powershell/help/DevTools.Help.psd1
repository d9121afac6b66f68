# The text of the cmdlets' help. New-DevToolsHelp.ps1 joins it with the cmdlets' parameter metadata into the MAML file
# pwsh reads (en-US/DevTools.PowerShell.dll-Help.xml). Edit here, then run: dotnet pwsh powershell/help/New-DevToolsHelp.ps1
@{
    CommonParameters = @{
        TemplatePath = 'The SAM template, or a folder: a folder stands for the template sam build wrote in it (.aws-sam/build/template.yaml), else its template.yaml, else its template.yml, as the devtools CLI and sam local look. Default: the current location. The template''s folder is the workspace (for sam build''s template, the project folder that holds .aws-sam): its backend (devtools serve) serves every client of it at once (this and other PowerShell sessions, VS Code, the .NET client library), with one set of environments and lifecycle events. The first command to need the backend starts it when none answers (connect-or-start).'
    }

    'Invoke-LocalFunction' = @{
        Synopsis    = 'Invokes a function of a SAM template locally, with Lambda''s execution model.'
        Description = @(
            'Invoke-LocalFunction runs a function of the template in a local execution environment, as Lambda would: the first invoke is a cold start (the runtime starts and runs its init code), later invokes thaw and reuse the frozen environment. It returns one object per invoke with the function''s answer and the figures of its REPORT line.'
            'While the invoke runs, its lifecycle records stream live to the Information stream, exactly as the engine renders them: ENVIRONMENT created/thawed/frozen, INIT_START, START, the function''s own log lines, END and REPORT. Show them with -InformationAction Continue, or collect them with -InformationVariable (each record''s MessageData is a DevTools.PowerShell.LifecycleEvent). -Verbose adds the engine''s detail: the connection, and every event''s Telemetry API record. An invoke that takes more than a second shows Write-Progress. Ctrl+C stops waiting at once; the backend lets the invoke finish in its environment, as Lambda does.'
            'Parameter names follow AWS''s Invoke-LMFunction where they overlap (FunctionName, Payload, ClientContext, InvocationType, LogType, Qualifier), so a script can move between the cloud and the local runner.'
            'A function error (the function threw, timed out or crashed) is data on the result: FunctionError is Unhandled, ErrorType names the error and Payload holds the error object. It becomes a terminating error only when the call says -ErrorAction Stop; then the ErrorRecord''s id is the error type and its TargetObject the result. Errors of the request itself (unknown function, a payload that is not JSON, throttling) are error records whose FullyQualifiedErrorId starts with Lambda''s error type, for example ResourceNotFoundException.'
        )
        Parameters  = @{
            FunctionName   = 'The function to invoke: its logical id in the template, its function name, or a full or partial ARN, optionally with :qualifier. Tab completes the template''s functions. Accepts pipeline input by value (names) and by property name (for example the objects of Get-LocalFunction).'
            Payload        = 'The event. A string is sent as it is and must be JSON. A hashtable, an ordered dictionary, a [pscustomobject], an array or any other object is converted to JSON: dictionaries and objects become JSON objects (in order), lists become arrays, dates ISO 8601 strings, enums their names. A graph nested more than 64 levels, or one that contains itself, is an error (PayloadConversionFailed) rather than silently cut off. Default: {}.'
            PayloadPath    = 'A file whose content (JSON) is the event, for example one of the template''s events/*.json.'
            ClientContext  = 'The client context the function receives (context.clientContext in Node.js, context.client_context in Python): JSON text, or an object converted to JSON as -Payload is. The backend base64-encodes it as the Invoke API''s X-Amz-Client-Context carries it.'
            InvocationType = 'RequestResponse (default) waits for the function''s answer. Event queues the invoke and returns at once with status 202 (Lambda''s asynchronous invoke, with its retries). DryRun checks the request (function and payload) and returns 204 without running anything.'
            LogType        = 'Tail returns the last 4 KB of the invoke''s log (START to REPORT) in the result''s LogTail property, as text (AWS returns it base64-encoded in LogResult). None (default) returns none.'
            Qualifier      = 'A version or alias. Locally every function is $LATEST.'
            SampleEvent    = 'Sends a sample event instead of a payload: its id, for example s3-put, sqs-receive-message or apigateway-aws-proxy (Tab lists them). The backend generates a fresh one for every invoke, with its flags at their defaults, in its region and account; New-LocalEvent sets the flags (pipe its output, or pass it as -Payload).'
        }
        Inputs      = @{
            'System.String'                                 = 'Function names.'
            'System.Management.Automation.PSObject'        = 'Objects with FunctionName, Payload, ClientContext, InvocationType, LogType, Qualifier or TemplatePath properties (pipeline by property name).'
        }
        Outputs     = @{
            'DevTools.PowerShell.LocalInvokeResult' = 'FunctionName, StatusCode (200, 202, 204), Payload (text) and Response (the payload parsed as ConvertFrom-Json would), FunctionError and ErrorType, LogTail, RequestId, EnvironmentId, ColdStart, DurationMs, BilledDurationMs, InitDurationMs (cold starts only), MaxMemoryUsedMB, MemorySizeMB, ExecutedVersion, InvocationType, TemplatePath.'
        }
        Notes       = @(
            'The backend keeps environments warm for 10 minutes and stays up while a client is connected; it exits by itself 5 minutes after the last client and environment are gone. Stop-LocalBackend stops it at once.'
            'To invoke the same template from every command without -TemplatePath, run from its folder or set $PSDefaultParameterValues[''*:TemplatePath''].'
        )
        Examples    = @(
            @{
                Code    = "Invoke-LocalFunction NodeCjsFunction -Payload @{ name = 'Ada' } -InformationAction Continue"
                Remarks = 'Invokes the function with an event made from a hashtable and shows its lifecycle records (the first invoke is a cold start: ENVIRONMENT created, INIT_START, START, the log lines, END, REPORT with Init Duration, ENVIRONMENT frozen).'
            }
            @{
                Code    = "(Invoke-LocalFunction NodeCjsFunction -PayloadPath ./events/node-cjs.json).Response.greeting"
                Remarks = 'Sends a JSON file as the event and reads a field of the answer, parsed as an object.'
            }
            @{
                Code    = "1..3 | ForEach-Object { Invoke-LocalFunction PythonFunction } | Format-Table FunctionName, ColdStart, DurationMs, InitDurationMs, EnvironmentId"
                Remarks = 'A cold start, then two warm invokes of the same environment.'
            }
            @{
                Code    = "Get-LocalFunction Node* | Invoke-LocalFunction -Payload '{""source"":""pipeline""}'"
                Remarks = 'Invokes every Node.js function of the template (names and template come from the pipeline by property name).'
            }
            @{
                Code    = "try { Invoke-LocalFunction Orders -Payload @{ id = 7 } -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; `$_.TargetObject.Payload }"
                Remarks = 'With -ErrorAction Stop a function error is thrown: the id starts with the function''s error type and the target is the result.'
            }
            @{
                Code    = "(Invoke-LocalFunction NodeCjsFunction -SampleEvent s3-put).Response.event.Records[0].s3.bucket.name"
                Remarks = 'Invokes the function with a sample S3 put event (bucket example-bucket, key test/key) that the backend generates.'
            }
            @{
                Code    = "Invoke-LocalFunction Orders -InvocationType Event -Payload @{ id = 7 }; Receive-LifecycleEvent Orders"
                Remarks = 'Queues an asynchronous invoke (status 202) and follows what happens to it until Ctrl+C.'
            }
        )
        Links       = @('about_DevTools', 'New-LocalEvent', 'Get-LocalFunction', 'Get-Container', 'Receive-LifecycleEvent')
    }

    'New-LocalEvent' = @{
        Synopsis    = 'Generates a sample event that a service sends to a function: S3 put, SQS message, API Gateway request, and more.'
        Description = @(
            'New-LocalEvent returns the event an AWS service would send a function, as sam local generate-event prints it and with the same names, so a function can be invoked locally with a realistic event: apigateway (aws-proxy, http-api-proxy, authorizer, request-authorizer), cloudwatch (scheduled-event), cognito (pre-signup), dynamodb (update), eventbridge (custom), kinesis (get-records), lambda (function-url), s3 (put, delete), sns (notification) and sqs (receive-message). Name one by its id (-Name s3-put) or by service and event (-Service s3 -Event put); Tab completes all three.'
            'The workspace''s backend generates it (the CLI''s devtools generate-event and the VS Code event picker use the same catalogue): in the backend''s region and account (what the functions see in AWS_REGION), at the current time, with fresh ids. Its fields are the ones the service really sends, including what SAM''s samples get wrong: S3 keys are form-URL-encoded (a b.jpg arrives as a+b.jpg), an SQS message''s md5OfBody is the real MD5 of its body, ARNs carry the account and region.'
            '-Values sets the event''s flags, the common fields: bucket, key and size for S3; queue-name and body for SQS; method, path, resource, query and body for API Gateway; and so on, each with a default (devtools generate-event SERVICE EVENT --help lists them). An unknown flag, or a value that does not fit its flag (a size that is not a number, a path that does not match the resource), is an error (InvalidSampleEvent) that names what the event takes.'
            'The result is a DevTools.PowerShell.LocalSampleEvent whose Payload is the event as JSON text. Piped into Invoke-LocalFunction it binds to -Payload by property name; passed as -Payload, or written with Set-Content, it is its JSON; ConvertFrom-Json on its Payload gives objects to edit.'
        )
        Parameters  = @{
            Name    = 'The sample event''s id: the service and the event joined with a dash, for example s3-put, sqs-receive-message, apigateway-http-api-proxy, cloudwatch-scheduled-event. Tab lists them. Accepts pipeline input by value and by property name.'
            Service = 'The service, as sam local generate-event names it: apigateway, cloudwatch, cognito, dynamodb, eventbridge, kinesis, lambda, s3, sns or sqs. Tab lists them.'
            Event   = 'The service''s event, for example put or delete for s3. Tab lists the events of the -Service given.'
            Values  = 'The flags to set, by name, in a hashtable: @{ bucket = ''photos''; key = ''a b.jpg'' }. A name may be written as the CLI spells it (queue-name) or without its dashes (queueName); a value may be a string, a number, or (for a JSON flag such as eventbridge''s detail) a hashtable or object, converted to JSON. The other flags take their defaults.'
        }
        Inputs      = @{
            'System.String'                          = 'Sample event ids.'
            'System.Management.Automation.PSObject' = 'Objects with Name or TemplatePath properties (pipeline by property name).'
        }
        Outputs     = @{ 'DevTools.PowerShell.LocalSampleEvent' = 'Id (the sample''s id), Payload (the event as JSON text), TemplatePath.' }
        Examples    = @(
            @{
                Code    = "New-LocalEvent s3-put -Values @{ bucket = 'photos'; key = 'holidays/red flower.jpg' } | Invoke-LocalFunction -FunctionName ThumbnailFunction"
                Remarks = 'Invokes a function with an S3 put event for photos/holidays/red flower.jpg (the event carries the key as S3 does: holidays/red+flower.jpg).'
            }
            @{
                Code    = "Invoke-LocalFunction Worker -Payload (New-LocalEvent -Service sqs -Event receive-message -Values @{ queueName = 'jobs'; body = '{""id"":1}' })"
                Remarks = 'Sends an SQS batch of one message from the queue jobs.'
            }
            @{
                Code    = "New-LocalEvent apigateway-aws-proxy -Values @{ method = 'GET'; path = '/users/42'; resource = '/users/{id}' } | Set-Content events/get-user.json"
                Remarks = 'Saves a REST API request for GET /users/42 (pathParameters id 42) as an event file, which the VS Code event picker then offers too.'
            }
            @{
                Code    = "`$e = (New-LocalEvent eventbridge-custom -Values @{ source = 'shop.orders'; detail = @{ orderId = 7 } }).Payload | ConvertFrom-Json; `$e.'detail-type' = 'OrderPlaced'; Invoke-LocalFunction Orders -Payload `$e"
                Remarks = 'Generates an EventBridge event, edits it as objects, and sends it.'
            }
        )
        Links       = @('about_DevTools', 'Invoke-LocalFunction')
    }

    'Build-LocalFunction' = @{
        Synopsis    = 'Installs the declared dependencies of the template''s functions (package.json, requirements.txt), as sam build does.'
        Description = @(
            'Build-LocalFunction asks the workspace''s backend to install each function''s declared dependencies into a build folder of its own (npm for package.json, pip for requirements.txt), without touching the function''s code folder. From then on the function runs with them. A function whose manifest has not changed since its last build is reused (nothing is installed again) unless -Force says otherwise; a function without a manifest is skipped. The backend also makes sure the SDK that Lambda''s runtimes carry (the AWS SDK for JavaScript v3, boto3) is in the per-machine cache for the functions that need it.'
            'It outputs one DevTools.PowerShell.LocalBuildResult per function, in template order: FunctionName, Status (built, reused, skipped or failed), DurationMs, Directory (where the dependencies are) or Message (why it was skipped or failed). Every name on the pipeline goes into one build per template, which runs when the input ends.'
            'While the build runs, Write-Progress shows the function, the step (dependencies, runtime-sdk) and the installer''s last line. -Verbose shows the whole build log as the backend renders it, for example BUILD HelloFunction dependencies: npm ci --omit=dev, followed by the installer''s output.'
            'A function whose build failed is a non-terminating error (BuildFailed, category NotInstalled, the result as TargetObject, the installer''s message), so $? is false and -ErrorAction Stop stops; the function keeps running with its previous build. A runtime-provided SDK that could not be installed is a warning. A name that is not a function of the template is an error (ResourceNotFoundException); the other names are still built.'
        )
        Parameters  = @{
            FunctionName = 'The functions to build: logical ids, function names or ARNs; wildcards are allowed. Default: every function of the template. Tab completes the template''s functions. Accepts pipeline input by value (names) and by property name (for example the objects of Get-LocalFunction).'
            Force        = 'Installs again even when the manifest has not changed since the last build.'
        }
        Inputs      = @{
            'System.String'                          = 'Function names.'
            'System.Management.Automation.PSObject' = 'Objects with FunctionName or TemplatePath properties (pipeline by property name), such as those of Get-LocalFunction.'
        }
        Outputs     = @{
            'DevTools.PowerShell.LocalBuildResult' = 'LogicalId, FunctionName, Status (built, reused, skipped, failed), Manifest, Command, Directory, DurationMs, Message, TemplatePath. The default table shows FunctionName, Status, Duration and the Directory (or, when skipped or failed, the Message).'
        }
        Notes       = @(
            'Dependencies are installed with the machine''s own npm and pip (their output is the build log); the function''s code folder is left as it is. A failed build leaves the previous one in use.'
        )
        Examples    = @(
            @{
                Code    = 'Build-LocalFunction'
                Remarks = 'Installs the dependencies of every function of the current folder''s template; those whose manifest has not changed are reused.'
            }
            @{
                Code    = 'Build-LocalFunction HelloFunction -Force -Verbose'
                Remarks = 'Installs the function''s dependencies again and shows the build log (the BUILD lines and the installer''s output).'
            }
            @{
                Code    = 'Get-LocalFunction Node* | Build-LocalFunction | Where-Object Status -EQ failed'
                Remarks = 'Builds the Node.js functions in one build and keeps the ones that failed.'
            }
            @{
                Code    = "Build-LocalFunction -ErrorAction Stop; Invoke-LocalFunction HelloFunction -Payload @{ name = 'Ada' }"
                Remarks = 'Invokes the function only when every build succeeded.'
            }
        )
        Links       = @('about_DevTools', 'Invoke-LocalFunction', 'Get-LocalFunction')
    }

    'Get-LocalFunction' = @{
        Synopsis    = 'Gets the template''s functions, their configuration as the engine runs them, and the template''s diagnostics.'
        Description = @(
            'Get-LocalFunction lists the functions of the SAM template that the workspace''s backend serves, with the configuration it runs them with (Globals and parameters applied): runtime, handler, code folder, memory, timeout, /tmp size, architecture, reserved concurrency and environment variables, plus the template''s validation findings for each function.'
            'Template errors and warnings are also written as warnings, in the form compilers print them: file(line,col): severity CODE: message.'
        )
        Parameters  = @{
            FunctionName = 'Logical ids or function names to get; wildcards are allowed. Default: every function. A name without wildcards that matches nothing is an error (ResourceNotFoundException).'
            Reload       = 'Reads the template again first. Functions whose code or configuration changed get fresh environments on their next invoke; the others stay warm.'
        }
        Inputs      = @{ 'System.String' = 'Function names.' }
        Outputs     = @{ 'DevTools.PowerShell.LocalFunction' = 'LogicalId, FunctionName, FunctionArn, Runtime, Handler, CodeDirectory, MemorySizeMB, TimeoutSeconds, EphemeralStorageMB, Architecture, ReservedConcurrentExecutions, Environment, Line, Column, Runnable, Diagnostics, TemplatePath.' }
        Examples    = @(
            @{ Code = 'Get-LocalFunction'; Remarks = 'The functions of the current folder''s template.' }
            @{ Code = "Get-LocalFunction -TemplatePath ./samples -Reload | Where-Object { -not `$_.Runnable }"; Remarks = 'Reads the template again and shows the functions that cannot run here, with their diagnostics.' }
        )
        Links       = @('about_DevTools', 'Invoke-LocalFunction')
    }

    'Get-Container' = @{
        Synopsis    = 'Gets the execution environments ("containers") of the workspace''s backend.'
        Description = @(
            'Get-Container shows the execution environments the backend keeps: their state (initializing, busy, frozen, idle), how many invokes each served, how long it has been idle, the peak memory of its process tree, how much of its private /tmp it uses and what that /tmp is (TmpMode: private-disk, its own ext4 disk of the function''s EphemeralStorage size; private-mount, a tmpfs capped at that size whose pages count as the function''s memory; directory, a private TMPDIR whose size is not enforced), and how it is isolated.'
            'Every client of the workspace''s backend sees the same environments: those created by this session''s invokes and those of VS Code, another PowerShell session on the same folder, or an AWS SDK through the backend''s Invoke API (devtools serve --invoke-port). The devtools CLI''s invoke is not one of them: like sam local invoke, devtools invoke runs an engine of its own for the one command, and its environments end with it (devtools start-lambda, too, serves an engine of its own). An environment freezes about a millisecond after its invoke answers.'
        )
        Parameters  = @{
            FunctionName = 'Only this function''s environments (logical id, function name or ARN). Tab completes the template''s functions.'
            Id           = 'Only these environments: a whole id, a prefix (as the lifecycle records and the table shorten them to 8 characters), or a wildcard pattern. An id without wildcards that matches nothing is an error (ContainerNotFound).'
            State        = 'Only environments in these states: initializing, busy, frozen, idle.'
        }
        Inputs      = @{ 'System.Management.Automation.PSObject' = 'Objects with FunctionName, Id or TemplatePath properties.' }
        Outputs     = @{ 'DevTools.PowerShell.LocalContainer' = 'Id, FunctionName, LogicalId, State, CreatedAt, LastUsedAt, Invocations, IdleFor, MaxMemoryUsedMB, TmpUsedBytes, Pid, Isolation, TmpMode, TemplatePath. The default table shows Id (shortened), Function, State, Invocations, Idle for, Memory peak, /tmp used and Isolation; Format-List shows every property, TmpMode included.' }
        Examples    = @(
            @{ Code = 'Get-Container'; Remarks = 'Every environment of the workspace''s backend.' }
            @{ Code = 'Get-Container -FunctionName NodeCjsFunction -State frozen'; Remarks = 'The function''s frozen environments (ready to be thawed by the next invoke).' }
        )
        Links       = @('about_DevTools', 'Stop-Container', 'Invoke-LocalFunction')
    }

    'Stop-Container' = @{
        Synopsis    = 'Stops execution environments, by id or from Get-Container on the pipeline.'
        Description = @(
            'Stop-Container retires environments: their runtime processes end and their /tmp is removed, so the next invoke of the function is a cold start. A busy environment stops when its invoke ends.'
            'It supports -WhatIf and -Confirm. Objects from Get-Container carry their template, so the pipeline reaches the same backend.'
        )
        Parameters  = @{
            Id       = 'The environments to stop: whole ids or unambiguous prefixes. Accepts pipeline input by value and by property name (the objects of Get-Container).'
            PassThru = 'Outputs each stopped environment (as it was just before it stopped).'
        }
        Inputs      = @{ 'DevTools.PowerShell.LocalContainer' = 'Environments from Get-Container.'; 'System.String' = 'Environment ids.' }
        Outputs     = @{ 'DevTools.PowerShell.LocalContainer' = 'With -PassThru only.' }
        Examples    = @(
            @{ Code = 'Get-Container -FunctionName NodeCjsFunction | Stop-Container'; Remarks = 'Stops the function''s environments; its next invoke is cold.' }
            @{ Code = 'Get-Container | Stop-Container -WhatIf'; Remarks = 'Shows what would be stopped, and stops nothing.' }
            @{ Code = 'Stop-Container 0a5fa49c -Confirm:$false'; Remarks = 'Stops one environment by the short id its lifecycle records show.' }
        )
        Links       = @('about_DevTools', 'Get-Container')
    }

    'Receive-LifecycleEvent' = @{
        Synopsis    = 'Follows the backend''s lifecycle events as they happen, until Ctrl+C (like Get-Content -Wait).'
        Description = @(
            'Receive-LifecycleEvent outputs the engine''s lifecycle events as they happen, for every invoke the workspace''s backend runs: this session''s, another session''s, the editor''s, an AWS SDK''s through the backend''s Invoke API. (devtools invoke runs an engine of its own and writes its events to its own stderr.) Each event is the engine''s one event model: the Telemetry API envelope and record, and the line Lambda''s log shows for it (Text). It follows until Ctrl+C, -TimeoutSec, or the backend stops; Select-Object -First N also ends it.'
        )
        Parameters  = @{
            FunctionName = 'Only this function''s events. Default: every function''s.'
            Type         = 'Only events of these types, for example platform.report, function (log lines) or environment.*; wildcards are allowed.'
            TimeoutSec   = 'Stop following after this many seconds. Default: until Ctrl+C or the backend stops.'
        }
        Inputs      = @{ 'System.Management.Automation.PSObject' = 'Objects with FunctionName or TemplatePath properties.' }
        Outputs     = @{ 'DevTools.PowerShell.LifecycleEvent' = 'Time, Type, FunctionName, EnvironmentId, RequestId, Text (the line as Lambda renders it), Record (the Telemetry API record as objects) and RecordJson.' }
        Examples    = @(
            @{ Code = 'Receive-LifecycleEvent'; Remarks = 'Shows every event of the workspace as it happens, until Ctrl+C.' }
            @{ Code = "Receive-LifecycleEvent -FunctionName Orders -Type platform.report | ForEach-Object { `$_.Record.metrics.durationMs }"; Remarks = 'Prints the duration of each of the function''s invokes, whoever makes them.' }
        )
        Links       = @('about_DevTools', 'Invoke-LocalFunction')
    }

    'Get-LocalBackend' = @{
        Synopsis    = 'Gets the backend (devtools serve) that serves the template''s folder, if one runs. Starts nothing.'
        Description = @(
            'Get-LocalBackend shows the workspace''s backend: its process, version, isolation level, the address clients connect to, the Invoke API address when it serves one, how many clients are connected, and its pool settings. It outputs nothing when no backend serves the folder.'
        )
        Parameters  = @{}
        Inputs      = @{ 'System.Management.Automation.PSObject' = 'Objects with a TemplatePath property.' }
        Outputs     = @{ 'DevTools.PowerShell.LocalBackend' = 'ProcessId, Version, ProtocolVersion, Workspace, TemplatePath, IsolationLevel, InvokeApiAddress, Address, Clients, Capabilities, KeepWarmSeconds, IdleShutdownSeconds, ConcurrencyLimit.' }
        Examples    = @(
            @{ Code = 'Get-LocalBackend'; Remarks = 'The backend of the current folder''s template.' }
        )
        Links       = @('about_DevTools', 'Stop-LocalBackend')
    }

    'Stop-LocalBackend' = @{
        Synopsis    = 'Stops the backend that serves the template''s folder.'
        Description = @(
            'Stop-LocalBackend asks the workspace''s backend to stop: its environments are retired, every client (other sessions and editors too) is disconnected, and its socket is removed. It returns once the process is gone. The next command that needs the backend starts a new one.'
            'Without it, a backend exits by itself once no client is connected and no environment is left for its idle period (5 minutes by default).'
        )
        Parameters  = @{
            PassThru = 'Outputs the backend that was stopped.'
        }
        Inputs      = @{ 'System.Management.Automation.PSObject' = 'Objects with a TemplatePath property.' }
        Outputs     = @{ 'DevTools.PowerShell.LocalBackend' = 'With -PassThru only.' }
        Examples    = @(
            @{ Code = 'Stop-LocalBackend -Confirm:$false'; Remarks = 'Stops the backend of the current folder''s template.' }
        )
        Links       = @('about_DevTools', 'Get-LocalBackend')
    }

    'Get-LocalApiRoute' = @{
        Synopsis    = 'Gets the template''s HTTP routes (API Gateway REST and HTTP APIs) and function URLs, with the local URL of each.'
        Description = @(
            'Get-LocalApiRoute lists what the template exposes over HTTP, as the workspace''s backend reads it: every route of its REST APIs (Api events, AWS::Serverless::Api), of its HTTP APIs (HttpApi events, AWS::Serverless::HttpApi, the $default route) and every function URL (FunctionUrlConfig). Each comes with the function it invokes, its API, its kind (REST, HTTP or URL), the payload format version its events have (1.0 or 2.0), API Gateway''s route key, and the URL where the backend serves it on 127.0.0.1 (path variables such as {id} left in).'
            'The API routes share one port, without a stage in the path (as sam local start-api serves them); each function URL has a port of its own. A backend the module starts serves them on free ports (devtools serve --api-port 0), so the URLs change when the backend does. A backend started otherwise (devtools serve without --api-port, or VS Code with the setting devtools.apiPort empty) does not serve them: the routes are listed with an empty Url and a warning says so.'
        )
        Parameters  = @{
            FunctionName = 'Only the routes of these functions: logical ids or function names; wildcards are allowed. Tab completes the template''s functions. A name without wildcards that is no function of the template is an error (ResourceNotFoundException); a function without routes outputs nothing.'
        }
        Inputs      = @{
            'System.String'                          = 'Function names.'
            'System.Management.Automation.PSObject' = 'Objects with FunctionName or TemplatePath properties (pipeline by property name), such as those of Get-LocalFunction.'
        }
        Outputs     = @{ 'DevTools.PowerShell.LocalApiRoute' = 'Method (a verb or ANY), Path (/items/{id}; /* for a $default route or a function URL), Url (empty when not served), FunctionId, Api, Kind (REST, HTTP, URL), PayloadFormatVersion, RouteKey, TemplatePath. The default table shows Method, Path, Function, Kind, Payload and Url.' }
        Examples    = @(
            @{ Code = 'Get-LocalApiRoute'; Remarks = 'The routes and function URLs of the current folder''s template, with their local URLs.' }
            @{ Code = 'Get-LocalApiRoute RestFunction | Select-Object RouteKey, Url'; Remarks = 'The routes that invoke one function.' }
            @{ Code = "Start-Process (Get-LocalApiRoute | Where-Object Kind -EQ URL | Select-Object -First 1).Url"; Remarks = 'Opens the first function URL in the browser.' }
        )
        Links       = @('about_DevTools', 'Invoke-LocalApi', 'Get-LocalFunction')
    }

    'Invoke-LocalApi' = @{
        Synopsis    = 'Sends an HTTP request to the template''s API (or a function URL) as the workspace''s backend serves it.'
        Description = @(
            'Invoke-LocalApi sends a real HTTP request over loopback to the API the workspace''s backend serves, so it goes where a browser''s or curl''s would: API Gateway''s local front end picks the route, runs the authorizer, builds the event of the route''s payload version, invokes the function in its environments (the same ones Invoke-LocalFunction and VS Code use; the lifecycle records follow in Receive-LifecycleEvent) and maps its answer to the HTTP response.'
            'The result is the response: StatusCode, Headers, Body as text and, when the answer is JSON, Json (the body parsed as ConvertFrom-Json would). Any status is a result, not an error: a 404 of the function''s, API Gateway''s 502 when the function fails, its 504 when the route''s integration times out.'
            'Before sending, the path is checked against the template''s routes, by the rule the backend routes with: a path no route takes (method and path; the $default route of an HTTP API takes any) is an error (RouteNotFound) that lists the routes. When the backend does not serve the API (it was started without --api-port) the error is ApiNotServed; Stop-LocalBackend, and the next command starts a backend that serves it. A request that cannot be sent is ApiRequestFailed.'
        )
        Parameters  = @{
            Path        = 'The request''s path and query: /items/5?mode=echo. Local URLs have no stage: the path is the resource path. A path without its leading / gets one.'
            Method      = 'The HTTP method: GET (default), POST, PUT, PATCH, DELETE, HEAD or OPTIONS.'
            Body        = 'The request body. A string is sent as it is; a byte array as its bytes; a hashtable, a [pscustomobject] or any other object is converted to JSON as Invoke-LocalFunction converts a payload. Content-Type is application/json (application/octet-stream for bytes) unless -Headers sets it.'
            Headers     = 'Request headers, as a hashtable: @{ ''X-Token'' = ''allow''; Accept = ''application/json'' }. A list value sends the header once per item. A header that cannot be sent is an error (InvalidHeader).'
            FunctionUrl = 'Sends the request to this function''s URL (its logical id or function name) instead of the API routes. A function without FunctionUrlConfig is an error (FunctionUrlNotFound). Tab completes the template''s functions.'
        }
        Inputs      = @{ 'System.Management.Automation.PSObject' = 'Objects with a TemplatePath property.' }
        Outputs     = @{ 'DevTools.PowerShell.LocalApiResponse' = 'StatusCode, Headers (names case-insensitive, each with its values), Body (text), Json (the parsed body when the Content-Type is JSON), Method, Url, DurationMs, TemplatePath.' }
        Notes       = @(
            'A backend the module starts serves the API on free loopback ports (devtools serve --api-port 0); Get-LocalApiRoute shows them. Nothing listens beyond 127.0.0.1.'
        )
        Examples    = @(
            @{ Code = "(Invoke-LocalApi /items/5).Json.pathParameters.id"; Remarks = 'Calls GET /items/{id} and reads a field of the JSON answer.' }
            @{ Code = "Invoke-LocalApi /items -Method POST -Body @{ name = 'Ada' }"; Remarks = 'Posts a JSON body (made from a hashtable) and shows the status, the time and the body.' }
            @{ Code = "Invoke-LocalApi /guarded -Headers @{ 'X-Token' = 'allow' } | Select-Object StatusCode, Body"; Remarks = 'Calls a route behind a Lambda authorizer with the token it reads.' }
            @{ Code = "Invoke-LocalApi /anything -FunctionUrl HttpFunction -Method POST -Body 'hello' -Headers @{ 'Content-Type' = 'text/plain' }"; Remarks = 'Sends text to a function URL.' }
        )
        Links       = @('about_DevTools', 'Get-LocalApiRoute', 'Invoke-LocalFunction', 'Receive-LifecycleEvent')
    }
}
