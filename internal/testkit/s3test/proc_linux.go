package s3test

import "syscall"

// dieWithParent makes the server die with the test process, even when the
// test process is killed.
func dieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
