#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libssh2.h>
#include <libssh2_sftp.h>

#include "err.h"
#include "proc.h"
#include "shword.h"
#include "ssh.h"

struct ssh {
	int local;
	int sock;
	long timeout;
	char *host;
	LIBSSH2_SESSION *session;
};

static const char *
last_error(LIBSSH2_SESSION *session)
{
	char *msg = NULL;

	libssh2_session_last_error(session, &msg, NULL, 0);
	return msg && *msg ? msg : "unknown libssh2 error";
}

char *
ssh_expand_home(const char *path)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (strncmp(path, "~/", 2))
		return xstrdup(path);
	if (!home || !*home)
		home = (pw = getpwuid(getuid())) ? pw->pw_dir : "/";
	return xasprintf("%s/%s", home, path + 2);
}

/* A TCP connection within the timeout, or -1 with err. */
static int
tcp_connect(const char *host, long port, long timeout, struct buf *err)
{
	struct addrinfo hints = { 0 }, *res, *ai;
	char portstr[16];
	int fd = -1, rc, soerr = 0;
	socklen_t len = sizeof soerr;
	struct pollfd pfd;

	hints.ai_socktype = SOCK_STREAM;
	snprintf(portstr, sizeof portstr, "%ld", port);
	if ((rc = getaddrinfo(host, portstr, &hints, &res))) {
		buf_addf(err, "cannot resolve %s: %s", host, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		if ((fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
		    ai->ai_protocol)) < 0)
			continue;
		fcntl(fd, F_SETFL, O_NONBLOCK);
		rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
		if (rc < 0 && errno == EINPROGRESS) {
			pfd.fd = fd;
			pfd.events = POLLOUT;
			rc = poll(&pfd, 1, (int)(timeout * 1000));
			if (rc == 0)
				soerr = ETIMEDOUT;
			else if (rc < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr,
			    &len) < 0)
				soerr = errno;
			rc = soerr ? -1 : 0;
		} else if (rc < 0)
			soerr = errno;
		if (rc == 0) {
			fcntl(fd, F_SETFL, 0);
			break;
		}
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0)
		buf_addf(err, "cannot connect to %s port %ld: %s", host, port,
		    strerror(soerr ? soerr : errno));
	return fd;
}

struct keytype {
	int hostkey;		/* LIBSSH2_HOSTKEY_TYPE_* */
	int known;		/* LIBSSH2_KNOWNHOST_KEY_* */
	const char *methods;	/* host key algorithms of that type */
};

static const struct keytype keytypes[] = {
	{ LIBSSH2_HOSTKEY_TYPE_ED25519, LIBSSH2_KNOWNHOST_KEY_ED25519,
	    "ssh-ed25519" },
	{ LIBSSH2_HOSTKEY_TYPE_ECDSA_256, LIBSSH2_KNOWNHOST_KEY_ECDSA_256,
	    "ecdsa-sha2-nistp256" },
	{ LIBSSH2_HOSTKEY_TYPE_ECDSA_384, LIBSSH2_KNOWNHOST_KEY_ECDSA_384,
	    "ecdsa-sha2-nistp384" },
	{ LIBSSH2_HOSTKEY_TYPE_ECDSA_521, LIBSSH2_KNOWNHOST_KEY_ECDSA_521,
	    "ecdsa-sha2-nistp521" },
	{ LIBSSH2_HOSTKEY_TYPE_RSA, LIBSSH2_KNOWNHOST_KEY_SSHRSA,
	    "rsa-sha2-512,rsa-sha2-256,ssh-rsa" },
	{ 0, 0, NULL }
};

static int
known_check(LIBSSH2_KNOWNHOSTS *kh, const char *host, long port,
    const char *key, size_t len, int type)
{
	return libssh2_knownhost_checkp(kh, host, (int)port, key, len,
	    LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW | type,
	    NULL);
}

/*
 * Asks the server for the key types known_hosts has for this host (as
 * OpenSSH does), so a host known by its ed25519 key is not refused for
 * offering RSA first. A dummy key "mismatches" exactly the known types.
 */
static void
prefer_known_types(LIBSSH2_SESSION *session, LIBSSH2_KNOWNHOSTS *kh,
    const char *host, long port)
{
	struct buf pref = { 0 };
	const struct keytype *t;

	for (t = keytypes; t->methods; t++)
		if (known_check(kh, host, port, "x", 1, t->known) ==
		    LIBSSH2_KNOWNHOST_CHECK_MISMATCH) {
			if (pref.len)
				buf_addc(&pref, ',');
			buf_adds(&pref, t->methods);
		}
	if (pref.len)
		libssh2_session_method_pref(session, LIBSSH2_METHOD_HOSTKEY,
		    pref.s);
	buf_free(&pref);
}

static int
check_host_key(struct ssh *s, LIBSSH2_KNOWNHOSTS *kh, const char *path,
    long port, struct buf *err)
{
	const char *key;
	size_t len;
	int type, rc;
	const struct keytype *t;

	if (!(key = libssh2_session_hostkey(s->session, &len, &type))) {
		buf_addf(err, "%s: no host key: %s", s->host,
		    last_error(s->session));
		return -1;
	}
	for (t = keytypes; t->methods && t->hostkey != type; t++)
		;
	if (!t->methods) {
		buf_addf(err, "%s: unsupported host key type %d", s->host, type);
		return -1;
	}
	rc = known_check(kh, s->host, port, key, len, t->known);
	if (rc == LIBSSH2_KNOWNHOST_CHECK_MATCH)
		return 0;
	if (rc == LIBSSH2_KNOWNHOST_CHECK_MISMATCH)
		buf_addf(err, "%s: host key does not match %s (changed key "
		    "or an attack): refused", s->host, path);
	else if (rc == LIBSSH2_KNOWNHOST_CHECK_NOTFOUND)
		buf_addf(err, "%s: host key (%s) is not in %s: refused", s->host,
		    t->methods, path);
	else
		buf_addf(err, "%s: cannot check host key: %s", s->host,
		    last_error(s->session));
	return -1;
}

static int
auth_agent(struct ssh *s, const char *user, struct buf *why)
{
	LIBSSH2_AGENT *agent;
	struct libssh2_agent_publickey *id = NULL;
	int rc = -1;

	if (!getenv("SSH_AUTH_SOCK"))
		return -1;
	if (!(agent = libssh2_agent_init(s->session)))
		return -1;
	if (libssh2_agent_connect(agent) || libssh2_agent_list_identities(agent))
		buf_adds(why, "agent unusable; ");
	else {
		while (libssh2_agent_get_identity(agent, &id, id) == 0)
			if (libssh2_agent_userauth(agent, user, id) == 0) {
				rc = 0;
				break;
			}
		if (rc)
			buf_adds(why, "no agent key accepted; ");
	}
	libssh2_agent_disconnect(agent);
	libssh2_agent_free(agent);
	return rc;
}

static int
auth_key(struct ssh *s, const char *user, const char *keyopt, struct buf *why)
{
	char *key, *pub;
	int rc;

	if (!keyopt || !*keyopt)
		return -1;
	key = ssh_expand_home(keyopt);
	pub = xasprintf("%s.pub", key);
	if (access(key, R_OK)) {
		buf_addf(why, "key %s:", key);
		rc = -1;
	} else if ((rc = libssh2_userauth_publickey_fromfile(s->session, user,
	    access(pub, R_OK) ? NULL : pub, key, NULL)))
		buf_addf(why, "key %s: %s", key, last_error(s->session));
	free(key);
	free(pub);
	return rc ? -1 : 0;
}

static int
authenticate(struct ssh *s, const struct ssh_opts *o, struct buf *err)
{
	struct buf why = { 0 };
	const char *user = o->user;
	struct passwd *pw;
	int rc;

	if (!user || !*user)
		user = (pw = getpwuid(getuid())) ? pw->pw_name : "root";
	rc = auth_agent(s, user, &why) == 0 || auth_key(s, user, o->key, &why) == 0
	    ? 0 : -1;
	if (rc)
		buf_addf(err, "%s: authentication as %s failed: %s", s->host, user,
		    why.len ? buf_str(&why) : "no agent and no key");
	buf_free(&why);
	return rc;
}

static int
ssh_init_once(void)
{
	static int done, rc;

	if (!done) {
		rc = libssh2_init(0);
		done = 1;
	}
	return rc;
}

int
ssh_lib_init(void)
{
	return ssh_init_once();
}

struct ssh *
ssh_open(const char *host, const struct ssh_opts *o, struct buf *err)
{
	return ssh_connect(host, o, err, NULL);
}

struct ssh *
ssh_connect(const char *host, const struct ssh_opts *o, struct buf *err,
    int *refused)
{
	struct ssh *s = xcalloc(1, sizeof *s);
	LIBSSH2_KNOWNHOSTS *kh = NULL;
	char *khpath = NULL;

	if (refused)
		*refused = 0;
	s->host = xstrdup(host);
	s->timeout = o->timeout;
	s->sock = -1;
	if (!strcmp(host, "localhost")) {
		s->local = 1;
		return s;
	}
	if (ssh_init_once()) {
		buf_adds(err, "libssh2 initialization failed");
		goto fail;
	}
	if ((s->sock = tcp_connect(host, o->port, o->timeout, err)) < 0)
		goto fail;
	if (!(s->session = libssh2_session_init())) {
		buf_adds(err, "libssh2 session failed");
		goto fail;
	}
	libssh2_session_set_blocking(s->session, 1);
	libssh2_session_set_timeout(s->session, o->timeout * 1000);
	kh = libssh2_knownhost_init(s->session);
	khpath = ssh_expand_home(o->known_hosts);
	if (!kh || libssh2_knownhost_readfile(kh, khpath,
	    LIBSSH2_KNOWNHOST_FILE_OPENSSH) < 0) {
		buf_addf(err, "%s: cannot read known hosts %s: %s", host, khpath,
		    kh ? last_error(s->session) : "out of memory");
		goto fail;
	}
	prefer_known_types(s->session, kh, host, o->port);
	if (libssh2_session_handshake(s->session, s->sock)) {
		buf_addf(err, "%s: SSH handshake failed: %s", host,
		    last_error(s->session));
		goto fail;
	}
	if (check_host_key(s, kh, khpath, o->port, err) < 0 ||
	    authenticate(s, o, err) < 0) {
		if (refused)
			*refused = 1;
		goto fail;
	}
	libssh2_knownhost_free(kh);
	free(khpath);
	return s;
fail:
	if (kh)
		libssh2_knownhost_free(kh);
	free(khpath);
	ssh_close(s);
	return NULL;
}

void
ssh_close(struct ssh *s)
{
	if (!s)
		return;
	if (s->session) {
		libssh2_session_disconnect(s->session, "done");
		libssh2_session_free(s->session);
	}
	if (s->sock >= 0)
		close(s->sock);
	free(s->host);
	free(s);
}

int
ssh_is_local(const struct ssh *s)
{
	return s->local;
}

static int
run_local(struct ssh *s, const char *script, struct buf *out,
    struct buf *errout, struct buf *err)
{
	char *argv[] = { "/bin/sh", "-c", (char *)script, NULL };

	return proc_run(argv, NULL, NULL, s->timeout, out, errout, err);
}

static int
read_stream(struct ssh *s, LIBSSH2_CHANNEL *ch, int stream, struct buf *b,
    struct buf *err)
{
	char chunk[4096];
	ssize_t n;

	while ((n = libssh2_channel_read_ex(ch, stream, chunk, sizeof chunk)) > 0)
		buf_add(b, chunk, (size_t)n);
	if (n < 0) {
		buf_addf(err, "%s: reading command output: %s", s->host,
		    last_error(s->session));
		return -1;
	}
	return 0;
}

int
ssh_run(struct ssh *s, const char *script, struct buf *out,
    struct buf *errout, struct buf *err)
{
	LIBSSH2_CHANNEL *ch;
	struct buf cmd = { 0 };
	char *sig = NULL;
	int rc = -1;

	if (s->local)
		return run_local(s, script, out, errout, err);
	if (!(ch = libssh2_channel_open_session(s->session))) {
		buf_addf(err, "%s: cannot open a channel: %s", s->host,
		    last_error(s->session));
		return -1;
	}
	/* The login shell may not be sh: it only starts sh with one word. */
	buf_adds(&cmd, "exec sh -c ");
	shword_squote(&cmd, script);
	if (libssh2_channel_exec(ch, cmd.s)) {
		buf_addf(err, "%s: cannot run a command: %s", s->host,
		    last_error(s->session));
		goto done;
	}
	if (read_stream(s, ch, 0, out, err) < 0 ||
	    read_stream(s, ch, SSH_EXTENDED_DATA_STDERR, errout, err) < 0)
		goto done;
	if (libssh2_channel_close(ch) || libssh2_channel_wait_closed(ch)) {
		buf_addf(err, "%s: closing the channel: %s", s->host,
		    last_error(s->session));
		goto done;
	}
	libssh2_channel_get_exit_signal(ch, &sig, NULL, NULL, NULL, NULL, NULL);
	if (sig) {
		buf_addf(err, "%s: command killed by signal %s", s->host, sig);
		libssh2_free(s->session, sig);
	} else
		rc = libssh2_channel_get_exit_status(ch);
done:
	libssh2_channel_free(ch);
	buf_free(&cmd);
	return rc;
}

static int
copy_local(const char *remote, int out, struct buf *err)
{
	char chunk[65536];
	ssize_t n = 0;
	int in, rc = 0;

	if ((in = open(remote, O_RDONLY | O_CLOEXEC)) < 0) {
		buf_addf(err, "localhost: %s:", remote);
		return -1;
	}
	while ((n = read(in, chunk, sizeof chunk)) > 0)
		if (write(out, chunk, (size_t)n) != n) {
			n = -1;
			break;
		}
	if (n < 0) {
		buf_addf(err, "copying %s:", remote);
		rc = -1;
	}
	close(in);
	return rc;
}

/* Writes len bytes from a libssh2 reader into fd; bytes copied or -1. */
static long long
pump(struct ssh *s, LIBSSH2_SFTP_HANDLE *fh, LIBSSH2_CHANNEL *ch,
    long long len, int fd)
{
	char chunk[32768];
	long long total = 0;
	ssize_t n;

	for (;;) {
		size_t want = sizeof chunk;

		if (ch && len - total < (long long)want)
			want = (size_t)(len - total);
		if (ch && want == 0)
			break;
		n = fh ? libssh2_sftp_read(fh, chunk, want)
		    : libssh2_channel_read(ch, chunk, want);
		if (n == 0)
			break;
		if (n < 0 || write(fd, chunk, (size_t)n) != n)
			return -1;
		total += n;
	}
	(void)s;
	return total;
}

static int
get_sftp(struct ssh *s, const char *remote, int fd, struct buf *err)
{
	LIBSSH2_SFTP *sftp;
	LIBSSH2_SFTP_HANDLE *fh;
	LIBSSH2_SFTP_ATTRIBUTES attrs;
	long long got;
	int rc = -1;

	if (!(sftp = libssh2_sftp_init(s->session)))
		return -2;
	if (!(fh = libssh2_sftp_open(sftp, remote, LIBSSH2_FXF_READ, 0))) {
		buf_addf(err, "%s: %s: cannot open (SFTP error %lu)", s->host,
		    remote, libssh2_sftp_last_error(sftp));
		goto done;
	}
	if (libssh2_sftp_fstat(fh, &attrs)) {
		buf_addf(err, "%s: %s: cannot stat", s->host, remote);
	} else if ((got = pump(s, fh, NULL, 0, fd)) < 0)
		buf_addf(err, "%s: %s: copy failed: %s", s->host, remote,
		    last_error(s->session));
	else if ((attrs.flags & LIBSSH2_SFTP_ATTR_SIZE) &&
	    (unsigned long long)got < attrs.filesize)
		buf_addf(err, "%s: %s: copied %lld of %llu bytes", s->host, remote,
		    got, (unsigned long long)attrs.filesize);
	else
		rc = 0;
	libssh2_sftp_close(fh);
done:
	libssh2_sftp_shutdown(sftp);
	return rc;
}

static int
get_scp(struct ssh *s, const char *remote, int fd, struct buf *err)
{
	LIBSSH2_CHANNEL *ch;
	libssh2_struct_stat st;
	long long got;
	int rc = -1;

	if (!(ch = libssh2_scp_recv2(s->session, remote, &st))) {
		buf_addf(err, "%s: %s: no SFTP and SCP failed: %s", s->host,
		    remote, last_error(s->session));
		return -1;
	}
	if ((got = pump(s, NULL, ch, (long long)st.st_size, fd)) < 0 ||
	    got != (long long)st.st_size)
		buf_addf(err, "%s: %s: SCP copy failed: %s", s->host, remote,
		    last_error(s->session));
	else
		rc = 0;
	libssh2_channel_free(ch);
	return rc;
}

int
ssh_get(struct ssh *s, const char *remote, int fd, struct buf *err)
{
	int rc;

	if (s->local)
		return copy_local(remote, fd, err);
	if ((rc = get_sftp(s, remote, fd, err)) == -2)
		rc = get_scp(s, remote, fd, err);
	return rc;
}
