#!/usr/bin/env bash
# Makes the demo call's fake camera and microphone from permissively licensed material:
#  - video: real faces (MIT-licensed sample photos shipped in the npm package @vladmandic/face-api),
#    cropped to 640x480 and cross-faded from one expression to the next (happy, neutral, happy, sad);
#    the sad face is the neutral one retouched (below): no permissively licensed photo at hand shows
#    sadness that people agree on;
#  - audio: espeak-ng speech (GPL-3 program; its output is free to use) with pauses between phrases;
#  - transcript.json: the same phrases with their start and end in the audio, from which the demo call
#    renders live captions the way a meeting site does (the text modality reads them).
# Output goes to .cache/demo (not committed: the .y4m is ~50 MB). Needs ffmpeg and espeak-ng.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-.cache/demo}
mkdir -p "$out"
photos=node_modules/@vladmandic/face-api/demo
[ -f "$out/demo.y4m" ] && [ -f "$out/demo.wav" ] && [ -f "$out/transcript.json" ] && [ "$out/demo.y4m" -nt "$0" ] && [ "$out/demo.y4m" -nt scripts/demo/warp-face.ts ] && { echo "$out is up to date"; exit 0; }

# name photo crop(w:h:x:y): a 4:3 window around one face, from the full-resolution photo
stills=(
  "happy   sample3.jpg 600:450:1300:205"
  "neutral sample3.jpg 600:450:370:245"
  "happy2  sample3.jpg 600:450:870:155"
)
for s in "${stills[@]}"; do
  read -r name photo crop <<<"$s"
  ffmpeg -loglevel error -y -i "$photos/$photo" -vf "crop=$crop,scale=640:480" "$out/$name.png"
done
# The sad face. The photos' only downcast face (sample2.jpg, the woman on the right) looks down,
# lips closed: it looks pensive as much as sad, and ours read it as fear in every sample of a 4 s
# still through the file pipeline (models/face/README.md). So the neutral face is retouched the way
# sadness shows (Ekman's AU1+4+15+17): mouth corners pulled down, lower lip pushed up, inner brows
# raised and drawn together, outer brows lowered. Handles: x,y,dx,dy,sigma in that photo's pixels.
npx tsx scripts/demo/warp-face.ts "$out/neutral.png" "$out/sad.png" \
  288,307,3,16,12 365,307,-3,16,12 326,323,0,-5,9 \
  297,177,3,-10,9 342,173,-3,-10,9 248,167,0,4,12 385,163,0,4,12
inputs=()
for name in happy neutral happy2 sad; do inputs+=(-loop 1 -t 5 -framerate 10 -i "$out/$name.png"); done
# 5 s per face with 1 s cross-fades: 4*5 - 3 = 17 s, looped by Chromium
ffmpeg -loglevel error -y "${inputs[@]}" -filter_complex \
  "[0][1]xfade=transition=fade:duration=1:offset=4[a];[a][2]xfade=transition=fade:duration=1:offset=8[b];[b][3]xfade=transition=fade:duration=1:offset=12,format=yuv420p[v]" \
  -map "[v]" -r 10 "$out/demo.y4m"

phrases=(
  "Hello everyone, I am really happy to see you all today!"
  "So, let us look at the numbers for this quarter."
  "This is wonderful news, I love it!"
  "I am sorry, but I am quite sad about how this turned out."
)
parts=()
for i in "${!phrases[@]}"; do
  espeak-ng -v en-us -s 150 -w "$out/phrase$i.wav" "${phrases[$i]}"
  parts+=("$out/phrase$i.wav")
done
# 16 kHz mono with a second of silence after each phrase, so the VAD has silence to find
sox "${parts[0]}" -r 16000 -c 1 "$out/p0.wav" pad 0 1
for i in 1 2 3; do sox "${parts[$i]}" -r 16000 -c 1 "$out/p$i.wav" pad 0 1; done
sox "$out/p0.wav" "$out/p1.wav" "$out/p2.wav" "$out/p3.wav" "$out/demo.wav" norm -3
# each phrase's start and end (the second of silence after it excluded)
{
  echo '{"speaker": "You", "phrases": ['
  t=0
  for i in 0 1 2 3; do
    d=$(soxi -D "$out/p$i.wav")
    end=$(awk -v a="$t" -v b="$d" 'BEGIN { print a + b - 1 }')
    sep=$([ "$i" -lt 3 ] && echo , || true)
    printf '  {"text": "%s", "start": %.3f, "end": %.3f}%s\n' "${phrases[$i]}" "$t" "$end" "$sep"
    t=$(awk -v a="$t" -v b="$d" 'BEGIN { print a + b }')
  done
  printf '], "duration": %.3f}\n' "$(soxi -D "$out/demo.wav")"
} > "$out/transcript.json"
rm -f "$out"/phrase*.wav "$out"/p[0-9].wav
echo "wrote $out/demo.y4m and $out/demo.wav ($(soxi -D "$out/demo.wav") s of speech)"
