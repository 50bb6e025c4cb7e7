p=$1; n=0
state() { st=; while read -r k v _; do [ "$k" = State: ] && st=$v && break; done </proc/$p/status; }
state2() { st=; while read -r k v _; do [ "$k" = State: ] && st=$v && break; done </proc/$p/status; } 2>/dev/null
wrote() { w=; while read -r k v; do [ "$k" = wchar: ] && w=$v && break; done </proc/$p/io; }
case $2 in
s) while [ $n -lt 1000 ]; do [ -s /etc/passwd ]; n=$((n+1)); done ;;
st) while [ $n -lt 1000 ]; do state; n=$((n+1)); done ;;
st2) while [ $n -lt 1000 ]; do state2; n=$((n+1)); done ;;
io) while [ $n -lt 1000 ]; do wrote; n=$((n+1)); done ;;
esac
