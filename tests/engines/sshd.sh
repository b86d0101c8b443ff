# An sshd of the test's own on 127.0.0.1, for GNU parallel's --sshlogin
# (sourced by tests/engines/run.sh).
#
#   sshd_start DIR   starts it: sets SSH_CFG (an ssh_config whose host
#                    "crmtest" reaches it) and SSHD_PID; returns non-zero
#                    with the reason in SSHD_WHY when it cannot
#   sshd_stop        stops it (safe to call when it never started)
#
# Debian's openssh-server, run as root (sshd needs root to switch to the
# user who logs in, and its privilege separation folder /run/sshd is
# root's; created when missing, as the ssh service's start does, and left
# there: another run may be using it).  All of
# its state is in DIR: a throwaway host key and user key made here, the
# authorized key, the pid file, the log.  It listens on 127.0.0.1 only,
# on a port away from 22 (tried from a number picked from the test's
# process id on, until one is free), takes public keys only, for root
# only.  StrictModes is off because DIR lies under /tmp, which is
# writable by all: sshd would refuse the authorized keys there, while
# this key is made for this run and never leaves it.  The client trusts
# that host key alone (its own known_hosts, StrictHostKeyChecking yes),
# never asks (BatchMode) and reads no ~/.ssh.

SSHD_PID=
SSH_CFG=
SSHD_WHY=

sshd_start() {
	s_dir=$1
	if [ "$(id -u)" != 0 ]; then
		SSHD_WHY="not root: sshd needs root"
		return 1
	fi
	for s_tool in /usr/sbin/sshd ssh ssh-keygen; do
		if ! command -v "$s_tool" >/dev/null 2>&1; then
			SSHD_WHY="$s_tool missing (packages openssh-server, openssh-client)"
			return 1
		fi
	done
	mkdir -p "$s_dir" && chmod 700 "$s_dir" || {
		SSHD_WHY="cannot create $s_dir"; return 1; }
	ssh-keygen -q -t ed25519 -N '' -C crm-test-host -f "$s_dir/host_key" &&
	    ssh-keygen -q -t ed25519 -N '' -C crm-test -f "$s_dir/key" &&
	    cp "$s_dir/key.pub" "$s_dir/authorized_keys" &&
	    chmod 600 "$s_dir/authorized_keys" || {
		SSHD_WHY="ssh-keygen failed"; return 1; }
	if [ ! -d /run/sshd ] && ! mkdir -m 755 /run/sshd; then
		SSHD_WHY="cannot create /run/sshd"
		return 1
	fi
	s_port=$((20000 + $$ % 20000))
	s_try=0
	while [ "$s_try" -lt 5 ]; do
		sshd_config "$s_dir" "$s_port"
		/usr/sbin/sshd -D -e -f "$s_dir/sshd_config" \
		    2> "$s_dir/sshd.log" &
		SSHD_PID=$!
		# ready when a login works; gone when the port was taken
		s_wait=0
		while [ "$s_wait" -lt 50 ] && kill -0 "$SSHD_PID" 2>/dev/null; do
			if ssh -F "$SSH_CFG" crmtest true 2>/dev/null; then
				return 0
			fi
			sleep 0.1
			s_wait=$((s_wait + 1))
		done
		sshd_stop
		s_port=$((s_port + 7))
		s_try=$((s_try + 1))
	done
	SSHD_WHY="sshd did not start: $(tail -1 "$s_dir/sshd.log" 2>/dev/null)"
	return 1
}

# sshd_config DIR PORT: the server's and the client's configuration.
sshd_config() {
	cat > "$1/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $2
HostKey $1/host_key
PidFile $1/sshd.pid
AuthorizedKeysFile $1/authorized_keys
StrictModes no
UsePAM no
PermitRootLogin prohibit-password
AllowUsers root
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
AllowTcpForwarding no
X11Forwarding no
PrintMotd no
LogLevel ERROR
EOF
	printf '[127.0.0.1]:%s %s\n' "$2" "$(cut -d' ' -f1,2 "$1/host_key.pub")" \
	    > "$1/known_hosts"
	SSH_CFG=$1/ssh_config
	cat > "$SSH_CFG" <<EOF
Host crmtest
	HostName 127.0.0.1
	Port $2
	User root
	IdentityFile $1/key
	IdentitiesOnly yes
	UserKnownHostsFile $1/known_hosts
	GlobalKnownHostsFile /dev/null
	StrictHostKeyChecking yes
	BatchMode yes
	ConnectTimeout 10
	LogLevel ERROR
EOF
}

sshd_stop() {
	if [ -n "$SSHD_PID" ]; then
		kill "$SSHD_PID" 2>/dev/null
		wait "$SSHD_PID" 2>/dev/null
		SSHD_PID=
	fi
}
