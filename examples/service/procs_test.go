package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The tests that run the service for real build it once, start it as a
// process on loopback, read its readiness line, and SIGKILL or stop it.

var build struct {
	once   sync.Once
	dir    string
	binary string
	err    error
}

// serviceBinary builds the service (with -race when the tests run with it)
// into a folder of its own, once per test run.
func serviceBinary(t testing.TB) string {
	t.Helper()
	build.once.Do(func() {
		build.dir, build.err = os.MkdirTemp("", "slaclock-service-")
		if build.err != nil {
			return
		}
		build.binary = filepath.Join(build.dir, "service")
		args := []string{"build", "-o", build.binary}
		if raceEnabled {
			args = append(args, "-race")
		}
		out, err := exec.Command("go", append(args, ".")...).CombinedOutput()
		if err != nil {
			build.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if build.err != nil {
		t.Fatal(build.err)
	}
	return build.binary
}

func TestMain(m *testing.M) {
	code := m.Run()
	stopPostgres()
	if build.dir != "" {
		os.RemoveAll(build.dir)
	}
	os.Exit(code)
}

// A process is one service process.
type process struct {
	cmd    *exec.Cmd
	url    string        // http://127.0.0.1:port
	stderr *syncBuffer   // what it logged
	exited chan struct{} // closed when it has exited
	err    error         // its exit, once exited is closed
}

// startService starts the service with args on a free loopback port and
// returns once it has printed that it listens. t's cleanup kills it.
func startService(t testing.TB, args ...string) *process {
	t.Helper()
	cmd := exec.Command(serviceBinary(t), append([]string{"-addr", "127.0.0.1:0"}, args...)...)
	p := &process{cmd: cmd, stderr: new(syncBuffer), exited: make(chan struct{})}
	cmd.Stderr = p.stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(stdout)
		if lines.Scan() {
			ready <- lines.Text()
		}
		close(ready)
		for lines.Scan() { // the transitions it prints, without a webhook
		}
		p.err = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			t.Logf("service %s logged:\n%s", p.url, p.stderr)
		}
	})
	line := <-ready
	addr, ok := strings.CutPrefix(line, "listening on ")
	if !ok {
		<-p.exited
		t.Fatalf("service %v did not start: %q, %v\n%s", args, line, p.err, p.stderr)
	}
	p.url = addr
	return p
}

// kill sends SIGKILL and waits for the process to end.
func (p *process) kill() {
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.exited
}

// stop asks the process to shut down and waits; it must exit cleanly.
func (p *process) stop(t testing.TB) {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	<-p.exited
	if p.err != nil {
		t.Errorf("service %s exited with %v", p.url, p.err)
	}
}

// syncBuffer is a bytes.Buffer safe for a process to write while a test
// reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// post sends a JSON body and returns the status, the Idempotent-Replayed
// header and the body.
func post(client *http.Client, url, key, body string) (int, bool, []byte, error) {
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		return 0, false, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, false, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Idempotent-Replayed") == "true", b, err
}

// The PostgreSQL cluster the tests share: started by the first test that
// needs it, in a folder of its own, listening on a Unix socket only, and
// stopped when the tests end.
var pg struct {
	mu      sync.Mutex
	started bool
	dir     string
	cmd     *exec.Cmd
	err     error
	dbs     int
}

const pgInstall = "the PostgreSQL server is needed: install Debian's with apt-get install postgresql " +
	"(examples/service/ci.sh does)"

// postgresDSN returns the URL of a new, empty database in the tests'
// cluster, starting the cluster if need be.
func postgresDSN(t testing.TB) string {
	t.Helper()
	pg.mu.Lock()
	defer pg.mu.Unlock()
	if !pg.started {
		pg.started = true
		pg.err = startPostgres()
	}
	if pg.err != nil {
		t.Fatal(pg.err)
	}
	pg.dbs++
	name := fmt.Sprintf("test%d", pg.dbs)
	db, err := sql.Open("pgx", pgURL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	return pgURL(name)
}

func pgURL(db string) string {
	return "postgres:///" + db + "?host=" + pg.dir + "&port=5432&user=slaclock&sslmode=disable"
}

// startPostgres makes a cluster and starts its server. PostgreSQL refuses
// to run as root, so as root the server runs as the postgres user (made by
// Debian's package) or, without one, as nobody.
func startPostgres() error {
	bin, err := postgresBin()
	if err != nil {
		return err
	}
	if pg.dir, err = os.MkdirTemp("", "slaclock-pg-"); err != nil {
		return err
	}
	attr, err := runAs(pg.dir)
	if err != nil {
		return err
	}
	data := filepath.Join(pg.dir, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "slaclock", "-A", "trust",
		"-E", "UTF8", "--no-sync", "--no-instructions")
	initdb.SysProcAttr = attr
	if out, err := initdb.CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %v\n%s", err, out)
	}
	pg.cmd = exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-k", pg.dir, "-p", "5432",
		"-c", "listen_addresses=", "-c", "fsync=off", "-c", "max_connections=200")
	pg.cmd.SysProcAttr = attr
	return startLogged(pg.cmd, "database system is ready to accept connections")
}

// postgresBin finds the folder of Debian's postgres and initdb.
func postgresBin() (string, error) {
	if p, err := exec.LookPath("postgres"); err == nil {
		if _, err := exec.LookPath("initdb"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/postgres")
	if len(found) == 0 {
		return "", fmt.Errorf("no postgres in PATH nor in /usr/lib/postgresql/*/bin: %s", pgInstall)
	}
	return filepath.Dir(found[len(found)-1]), nil
}

// runAs returns the credentials to run the server with, and gives it dir.
func runAs(dir string) (*syscall.SysProcAttr, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		if u, err = user.Lookup("nobody"); err != nil {
			return nil, fmt.Errorf("running as root, and no user postgres nor nobody to run the server as")
		}
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return nil, err
	}
	return &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}, nil
}

// startLogged starts cmd and waits until it logs the line ready.
func startLogged(cmd *exec.Cmd, ready string) error {
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	var log strings.Builder
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		log.WriteString(lines.Text() + "\n")
		if strings.Contains(lines.Text(), ready) {
			go io.Copy(io.Discard, stderr)
			return nil
		}
	}
	cmd.Wait()
	return fmt.Errorf("%s did not start:\n%s", cmd.Path, log.String())
}

func stopPostgres() {
	pg.mu.Lock()
	defer pg.mu.Unlock()
	if pg.cmd != nil && pg.cmd.Process != nil {
		pg.cmd.Process.Signal(syscall.SIGINT) // fast shutdown
		pg.cmd.Wait()
	}
	if pg.dir != "" {
		os.RemoveAll(pg.dir)
	}
}

// testContext is a context that ends a little before the test's deadline,
// so that a stuck step fails the test with a message instead of a panic.
func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	if tt, ok := t.(*testing.T); ok {
		if d, ok := tt.Deadline(); ok {
			ctx, cancel = context.WithDeadline(context.Background(), d.Add(-30*time.Second))
		}
	}
	t.Cleanup(cancel)
	return ctx
}
