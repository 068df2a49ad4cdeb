{% macro log_suppression_report(relation) -%}
    {{ return(adapter.dispatch('log_suppression_report')(relation)) }}
{%- endmacro %}

{% macro default__log_suppression_report(relation) -%}
    {#- Post-hook of privacy_suppression_report: prints its 'all' row in the run's output, so
        every run says what erasure requests suppressed. Returns no SQL. -#}
    {%- if execute -%}
        {%- set result = run_query(
            "select erasure_requests, erasure_requests_resolved, suppressed_customers,"
            ~ " suppressed_source_records, suppressed_identifiers, added_this_run"
            ~ " from " ~ relation ~ " where identifier_type = 'all'"
        ) -%}
        {%- for row in result.rows -%}
            {{ log(
                "erasure suppression: " ~ row[0] ~ " requests (" ~ row[1] ~ " resolved), "
                ~ row[2] ~ " customers and " ~ row[3] ~ " source records suppressed, "
                ~ row[4] ~ " hashed identifiers listed (" ~ row[5] ~ " added by this run)",
                info=true
            ) }}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
