# A local stand-in of the upstream sites for the catalog-update Pester tests (dot-source it; it is not
# a test file): serves tests/OpenStackImageManager.Engine.Tests/Fixtures/upstream (listings, manifests,
# release JSON, endoflife JSON) and any other image path as the bytes 'image:<path>', whose digests the
# manifests carry; the same contract as the xunit tests' UpstreamFixtureServer.

function Start-UpstreamServer {
    $root = Join-Path $PSScriptRoot '../OpenStackImageManager.Engine.Tests/Fixtures/upstream'
    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $probe.Start()
    $port = $probe.LocalEndpoint.Port
    $probe.Stop()
    $prefix = "http://127.0.0.1:$port/"
    # The fetch policy reads loopback only from hosts the user allows; the stand-in allows exactly its own port.
    $env:OIM_UPSTREAM_ALLOWED_HOSTS = (@($env:OIM_UPSTREAM_ALLOWED_HOSTS, "127.0.0.1:$port") | Where-Object { $_ }) -join ','
    $listener = [System.Net.HttpListener]::new()
    $listener.Prefixes.Add($prefix)
    $listener.Start()
    $job = Start-ThreadJob -ArgumentList $listener, (Resolve-Path $root).Path -ScriptBlock {
        param($listener, $root)
        while ($listener.IsListening) {
            try { $context = $listener.GetContext() } catch { break }
            $path = $context.Request.Url.AbsolutePath
            $file = Join-Path $root $path.TrimStart('/')
            if ($path.EndsWith('/')) { $file = Join-Path $file 'index.html' }
            elseif ($path.EndsWith('/releases')) { $file += '.json' }
            $status = 200
            if (Test-Path -LiteralPath $file -PathType Leaf) {
                $body = [System.IO.File]::ReadAllBytes($file)
                $context.Response.ContentType = if ($file.EndsWith('.html')) { 'text/html' } elseif ($file.EndsWith('.json')) { 'application/json' } else { 'text/plain' }
            }
            elseif ($path -match '\.(img|qcow2|raw|xz)$') {
                $body = [System.Text.Encoding]::UTF8.GetBytes("image:$path")
                $context.Response.Headers['Last-Modified'] = 'Fri, 27 Nov 2026 06:00:00 GMT'
            }
            else {
                $status = 404
                $body = [System.Text.Encoding]::UTF8.GetBytes('<html><body>404 Not Found</body></html>')
                $context.Response.ContentType = 'text/html'
            }
            $context.Response.StatusCode = $status
            $context.Response.ContentLength64 = $body.Length
            if ($context.Request.HttpMethod -ne 'HEAD') { $context.Response.OutputStream.Write($body, 0, $body.Length) }
            $context.Response.Close()
        }
    }
    [pscustomobject]@{
        Url      = $prefix
        Listener = $listener
        Job      = $job
        # The real upstreams, sent to this server (the catalog keeps naming the real ones).
        Rewrite  = @{
            'https://cloud-images.ubuntu.com/'         = "${prefix}ubuntu/"
            'https://cdimage.debian.org/cdimage/cloud/' = "${prefix}debian/"
            'https://repo.almalinux.org/almalinux/'    = "${prefix}almalinux/"
            'https://github.com/'                      = "${prefix}github/"
            'https://api.github.com/'                  = "${prefix}github/"
        }
    }
}

function Stop-UpstreamServer($Server) {
    if ($Server) {
        $Server.Listener.Stop()
        $Server.Listener.Close()
        # The job ends when the listener stops; let it finish first. Removing a thread job that is ending
        # can meet it already disposed, which is no failure of the tests that used the server.
        $null = $Server.Job | Wait-Job -Timeout 5
        try { $Server.Job | Remove-Job -Force -ErrorAction SilentlyContinue }
        catch [System.Management.Automation.PSObjectDisposedException], [System.Reflection.TargetInvocationException] { }
    }
}
