#!/usr/bin/env bash
# A short scripted clip for the file analysis, from the demo media (scripts/demo/make-demo-media.sh):
# SEG seconds each of the demo's happy face, its neutral face, then its sad face, 640x480 at 30 fps,
# H.264 + AAC in MP4, with espeak-ng speech of a happy, a neutral and a sad line, and a WebVTT file
# of the same words.
# Usage: make-test-file.sh OUT_DIR [SEG=4]   -> OUT_DIR/scripted.mp4, OUT_DIR/scripted.vtt
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?out dir}
seg=${2:-4}
demo=.cache/demo
[ -f "$demo/happy.png" ] && [ -f "$demo/neutral.png" ] && [ -f "$demo/sad.png" ] || bash scripts/demo/make-demo-media.sh >/dev/null
mkdir -p "$out"
lines=(
  "I am really happy to see you all, this is wonderful!"
  "The meeting starts at ten and ends at noon."
  "I am sorry, I am quite sad about how this turned out."
)
parts=()
vtt="WEBVTT"$'\n'
for i in 0 1 2; do
  espeak-ng -v en-us -s 160 -w "$out/l$i.wav" "${lines[$i]}"
  # each line at the start of its segment, cut or padded to the segment
  sox -V1 "$out/l$i.wav" -r 16000 -c 1 "$out/s$i.wav" pad 0 "$seg" trim 0 "$seg"
  parts+=("$out/s$i.wav")
  len=$(soxi -D "$out/l$i.wav")
  start=$(awk -v i="$i" -v s="$seg" 'BEGIN { printf "%.3f", i * s }')
  end=$(awk -v i="$i" -v s="$seg" -v l="$len" 'BEGIN { e = i * s + (l < s ? l : s); printf "%.3f", e }')
  vtt+=$'\n'"$(date -u -d "@$start" +%H:%M:%S).${start#*.} --> $(date -u -d "@$end" +%H:%M:%S).${end#*.}"$'\n'"${lines[$i]}"$'\n'
done
sox -V1 "${parts[@]}" "$out/speech.wav" norm -3
printf '%s' "$vtt" > "$out/scripted.vtt"
ffmpeg -loglevel error -y \
  -loop 1 -framerate 30 -t "$seg" -i "$demo/happy.png" \
  -loop 1 -framerate 30 -t "$seg" -i "$demo/neutral.png" \
  -loop 1 -framerate 30 -t "$seg" -i "$demo/sad.png" \
  -i "$out/speech.wav" \
  -filter_complex "[0][1][2]concat=n=3:v=1:a=0,format=yuv420p[v]" \
  -map "[v]" -map 3:a -c:v libx264 -preset veryfast -g 30 -r 30 -c:a aac -b:a 96k -ar 48000 -ac 2 -shortest "$out/scripted.mp4"
rm -f "$out"/l[0-9].wav "$out"/s[0-9].wav
echo "$out/scripted.mp4"
