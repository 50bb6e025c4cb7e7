p=$1; n=0; i=0; looks=1000
look() { if [ $n -lt $looks ]; then n=$((n + 1)); else nap; fi; }
while [ ! -s /nonexistent ] && [ $i -lt 60 ] && kill -0 $p 2>/dev/null && [ $n -lt 1000 ]; do look; done
