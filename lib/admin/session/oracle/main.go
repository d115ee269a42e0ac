// The test oracle for lib/admin/session/securecookie.ts: the real gorilla/securecookie, used the way
// FlyteAdmin uses it (flyteadmin/auth/cookie.go and cookie_manager.go), so the console's codec is
// checked against Go rather than against itself.
//
// Built by lib/admin/session/oracle.test.ts with Debian's packaged library:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o oracle .
//
// One JSON request on stdin, one JSON answer on stdout:
//
//	{"hashKey": b64, "blockKey": b64 or "",           // as in FlyteAdmin's secrets: unpadded std base64
//	 "seal": [{"name", "value"}],                      // → "sealed": [cookie value]
//	 "storeAccessToken": "token",                      // → "accessToken": {"flyte_at_1": …, "flyte_at_2": …}
//	 "open": [{"name", "cookie"}],                     // → "opened": [{"value"} | {"error"}]
//	 "gob": ["string"]}                                // → "gob": [std base64 of gob's encoding]
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"os"

	"github.com/gorilla/securecookie"
)

type named struct {
	Name   string `json:"name"`
	Value  string `json:"value,omitempty"`
	Cookie string `json:"cookie,omitempty"`
}

type request struct {
	HashKey          string   `json:"hashKey"`
	BlockKey         string   `json:"blockKey"`
	Seal             []named  `json:"seal"`
	StoreAccessToken string   `json:"storeAccessToken"`
	Open             []named  `json:"open"`
	Gob              []string `json:"gob"`
}

type opened struct {
	Value *string `json:"value,omitempty"`
	Error string  `json:"error,omitempty"`
}

type answer struct {
	Sealed      []string          `json:"sealed"`
	AccessToken map[string]string `json:"accessToken,omitempty"`
	Opened      []opened          `json:"opened"`
	Gob         []string          `json:"gob"`
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "oracle: "+format+"\n", args...)
	os.Exit(2)
}

// seal is FlyteAdmin's NewSecureCookie: a new codec per cookie, gorilla's defaults, a string value.
func seal(hashKey, blockKey []byte, name, value string) string {
	encoded, err := securecookie.New(hashKey, blockKey).Encode(name, value)
	if err != nil {
		fail("encode %s: %v", name, err)
	}
	return encoded
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fail("request: %v", err)
	}
	// FlyteAdmin's NewCookieManager decodes its secrets with base64.RawStdEncoding.
	hashKey, err := base64.RawStdEncoding.DecodeString(req.HashKey)
	if err != nil {
		fail("hashKey: %v", err)
	}
	blockKey, err := base64.RawStdEncoding.DecodeString(req.BlockKey)
	if err != nil {
		fail("blockKey: %v", err)
	}
	if req.BlockKey == "" {
		// gorilla without a block key: signed, not encrypted (FlyteAdmin always has one).
		blockKey = nil
	}

	out := answer{Sealed: []string{}, Opened: []opened{}, Gob: []string{}}
	for _, c := range req.Seal {
		out.Sealed = append(out.Sealed, seal(hashKey, blockKey, c.Name, c.Value))
	}
	if req.StoreAccessToken != "" {
		// StoreAccessToken: split at len/2 bytes, the first half in flyte_at_1, the rest in flyte_at_2.
		token := req.StoreAccessToken
		mid := len(token) / 2
		out.AccessToken = map[string]string{
			"flyte_at_1": seal(hashKey, blockKey, "flyte_at_1", token[:mid]),
			"flyte_at_2": seal(hashKey, blockKey, "flyte_at_2", token[mid:]),
		}
	}
	for _, c := range req.Open {
		// ReadSecureCookie: Decode into a string.
		var value string
		if err := securecookie.New(hashKey, blockKey).Decode(c.Name, c.Cookie, &value); err != nil {
			out.Opened = append(out.Opened, opened{Error: err.Error()})
		} else {
			v := value
			out.Opened = append(out.Opened, opened{Value: &v})
		}
	}
	for _, s := range req.Gob {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(s); err != nil {
			fail("gob: %v", err)
		}
		out.Gob = append(out.Gob, base64.StdEncoding.EncodeToString(buf.Bytes()))
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail("answer: %v", err)
	}
}
